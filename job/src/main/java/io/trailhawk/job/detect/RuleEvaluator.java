package io.trailhawk.job.detect;

import io.trailhawk.job.JobMetrics;
import io.trailhawk.job.decode.DeadLetter;
import io.trailhawk.job.decode.DecodedRecord;
import io.trailhawk.job.decode.PayloadDecoder;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.json.RecordLayout;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.stateful.StatefulRules;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates CloudTrail records against the active ruleset and applies rule-file updates from the control topic.
 *
 * <p>Broadcast state holds rule file texts and the ruleset version, never compiled objects; each instance compiles
 * its own transient ruleset, on restore and on every update, from the same inputs in the same order. A ruleset
 * that does not compile is rejected whole and the previous one keeps running. Subtask 0 alone writes status
 * records, so each activation or rejection is reported once.
 */
public final class RuleEvaluator extends BroadcastProcessFunction<DecodedRecord, RuleFileUpdate, AlertRecord>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleEvaluator.class);

    public static final MapStateDescriptor<String, RuleFileState> RULE_FILES = RuleFiles.FILES;
    public static final MapStateDescriptor<String, Long> RULESET_META = RuleFiles.META;
    public static final MapStateDescriptor<String, String> RULESET_HISTORY = RulesetHistory.HISTORY;
    /** Matches of stateful rules, keyed for {@link StatefulDetector}. */
    public static final OutputTag<StatefulMatch> STATEFUL_MATCHES = new OutputTag<StatefulMatch>("stateful-matches") {
        private static final long serialVersionUID = 1L;
    };
    public static final OutputTag<String> STATUS = new OutputTag<String>("ruleset-status") {
        private static final long serialVersionUID = 1L;
    };

    private final RulesetBuilder builder;
    private final AlertWriter writer;
    /** How many activated versions the history keeps. */
    private final int historyVersions;
    /** {@code alerts.hostname}, or null for the TaskManager's host name. */
    private final String hostname;
    private transient String host;
    private final JobMetrics metrics;

    private transient CompiledRuleset active;
    /** Reads records for {@link #active}; owned by this operator instance, replaced with the ruleset. */
    private transient CompiledRuleset.Evaluator evaluator;
    private transient StatefulRules statefulRules;
    /** Rules whose state has a key per rule and group, from a savepoint of release 0.1.0 ({@link RuleFiles}). */
    private transient Set<Long> ownKeyRules;
    private transient long activeVersion;
    /** How the active ruleset was built, for the start signal's report, and whether this start restored state. */
    private transient RulesetBuilder.Outcome activeOutcome;
    private transient boolean restored;
    private transient long evaluated;
    private transient Counter eventsEvaluated;
    private transient Counter alerts;
    private transient Counter shadowAlerts;
    private transient Counter rejections;
    private transient Counter evaluationFailures;
    private transient FailedRules failedRules;
    private transient Histogram evaluationNanos;
    private static final int TIMED_EVERY = 16;
    private transient MetricGroup metricGroup;
    /** By rule name; rules whose names share an id share one counter, as one metric can only be registered once. */
    private transient Map<String, Counter> alertsByRule;
    private transient Map<String, Counter> alertsById;
    private transient Map<String, Counter> shadowAlertsByRule;

    public RuleEvaluator(RulesetBuilder builder, int historyVersions, String hostname, JobMetrics metrics,
            AlertWriter writer) {
        this.builder = builder;
        this.writer = writer;
        this.historyVersions = historyVersions;
        this.hostname = hostname;
        this.metrics = metrics;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        RuleFiles.Restored r = RuleFiles.restore(context.getOperatorStateStore(), builder, host());
        ownKeyRules = RuleFiles.ownKeyRules(context.getOperatorStateStore(), context.isRestored(), r.outcome);
        if (r.fellBack) {
            LOG.error("restored rule files no longer compile with this job's bootstrap rules; running the "
                    + "bootstrap rules alone");
        }
        activate(r.outcome, r.version);
        RulesetHistory.recordStart(context.getOperatorStateStore(), r.version, r.outcome, historyVersions);
        restored = context.isRestored();
        LOG.info("ruleset version {} active: {} rules from {} files{}", activeVersion, active.ruleCount(),
                r.outcome.files.size(), context.isRestored() ? " (restored)" : "");
    }

    private String host() {
        if (host == null) {
            host = RuleFiles.host(hostname);
        }
        return host;
    }

    /** The ruleset events meet from now on, with an evaluator of its own. */
    private void activate(RulesetBuilder.Outcome outcome, long version) {
        CompiledRuleset ruleset = outcome.ruleset;
        activeOutcome = outcome;
        active = ruleset;
        evaluator = ruleset.evaluator();
        statefulRules = StatefulRules.of(ruleset, ownKeyRules);
        activeVersion = version;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // Broadcast state is checkpointed by Flink; the compiled ruleset is rebuilt on restore.
    }

    @Override
    public void open(Configuration parameters) {
        writer.open(host());
        MetricGroup m = metrics.group(getRuntimeContext());
        eventsEvaluated = m.counter("eventsEvaluated");
        alerts = m.counter("alerts");
        shadowAlerts = m.counter("shadowAlerts");
        m.gauge("alertsOfUnlistedAccounts", writer::unlistedAccounts);
        m.gauge("alertRouteFailures", writer::failures);
        rejections = m.counter("rulesetRejections");
        evaluationFailures = m.counter("evaluationFailures");
        evaluationNanos = new DescriptiveStatisticsHistogram(1024);
        metrics.histogram(m, "evaluationNanos", evaluationNanos);
        m.gauge("rulesetVersion", () -> activeVersion);
        m.gauge("activeRules", () -> active == null ? 0 : active.activeRuleCount());
        metricGroup = m;
        alertsByRule = new HashMap<>();
        failedRules = new FailedRules();
        alertsById = new HashMap<>();
        shadowAlertsByRule = new HashMap<>();
    }

    @Override
    public void processElement(DecodedRecord record, ReadOnlyContext ctx, Collector<AlertRecord> out) {
        // Timing every event would cost more than a cheap evaluation: one in TIMED_EVERY is enough for a histogram.
        boolean timed = (evaluated & (TIMED_EVERY - 1)) == 0;
        long start = timed ? System.nanoTime() : 0L;
        List<Alert> fired;
        failedRules.clear();
        try {
            fired = evaluator.evaluate(record.json, record.layout == null ? null : RecordLayout.of(record.layout),
                    ++evaluated, failedRules);
        } catch (RuntimeException | IOException e) {
            evaluationFailures.inc();
            LOG.error("evaluation failed for a record from {}", record.origin, e);
            ctx.output(PayloadDecoder.DEAD_LETTERS, DeadLetter.json("evaluation failed: " + e, List.of(),
                    record.origin, record.json, Instant.now()));
            return;
        }
        if (failedRules.any()) {
            // The other rules' alerts still go out; the record is kept, with the rules that could not judge it.
            evaluationFailures.inc();
            ctx.output(PayloadDecoder.DEAD_LETTERS, DeadLetter.json(failedRules.reason(), failedRules.rules(),
                    record.origin, record.json, Instant.now()));
        }
        boolean anyStateful = false;
        for (Alert a : fired) {
            if (a.stateful().isPresent()) {
                anyStateful = true;
                continue;
            }
            if (active.inShadow(a.rule())) {
                writer.writeShadow(a, activeVersion, r -> ctx.output(ShadowAlerts.TAG, r));
                shadowAlerts.inc();
                if (metrics.perRule()) {
                    shadowAlertsByRule.computeIfAbsent(a.rule(), r -> ruleCounter(r, "shadowAlerts")).inc();
                }
                continue;
            }
            writer.write(a, activeVersion, activeOutcome.accounts, out::collect);
            alerts.inc();
            if (metrics.perRule()) {
                alertsByRule.computeIfAbsent(a.rule(), r -> ruleCounter(r, "alerts")).inc();
            }
        }
        if (anyStateful) {
            for (StatefulMatch m : StatefulMatch.byKey(fired, statefulRules)) {
                ctx.output(STATEFUL_MATCHES, m);
            }
        }
        eventsEvaluated.inc();
        if (timed) {
            evaluationNanos.update(System.nanoTime() - start);
        }
    }

    /** Rules whose names share an id share one counter of each name, as a metric can only be registered once. */
    private Counter ruleCounter(String rule, String name) {
        return alertsById.computeIfAbsent(JobMetrics.ruleId(rule) + "\t" + name,
                key -> metricGroup.addGroup(JobMetrics.RULE_GROUP, JobMetrics.ruleId(rule)).counter(name));
    }

    @Override
    public void processBroadcastElement(RuleFileUpdate update, Context ctx, Collector<AlertRecord> out)
            throws Exception {
        boolean reporter = getRuntimeContext().getIndexOfThisSubtask() == 0;
        BroadcastState<String, String> history = ctx.getBroadcastState(RULESET_HISTORY);
        Instant now = Instant.now();
        if (update.start) {
            if (reporter) {
                ctx.output(STATUS, RulesetStatus.started(activeVersion, activeOutcome, restored,
                        RulesetHistory.versions(history), now));
            }
            return;
        }
        RulesetUpdates.Step step = RulesetUpdates.apply(new RulesetUpdates.Target(ctx.getBroadcastState(RULE_FILES),
                ctx.getBroadcastState(RULESET_META), history, builder, host(), historyVersions), update,
                activeOutcome, activeVersion, now);
        String status;
        switch (step.result) {
            case REFUSED:
                rejections.inc();
                LOG.warn("control record for {} refused: {}", step.update.name, step.update.rejection);
                status = RulesetStatus.refused(activeVersion, step.update, now);
                break;
            case REJECTED:
                rejections.inc();
                LOG.warn("ruleset rejected after update of {}; version {} stays active: {}", update.name,
                        activeVersion, step.outcome.issues);
                status = RulesetStatus.rejected(activeVersion, step.outcome, update, now);
                break;
            case UNCHANGED:
                LOG.info("update of {} changes nothing; version {} stays active", update.name, activeVersion);
                status = RulesetStatus.unchanged(activeVersion, activeOutcome, update, RulesetHistory.versions(history),
                        now);
                break;
            default:
                CompiledRuleset before = active;
                activate(step.outcome, step.version);
                LOG.info("ruleset version {} activated after {} of {}: {} rules", step.version,
                        RulesetStatus.trigger(update).path("action").asText(), update.name, active.ruleCount());
                status = RulesetStatus.activated(step.version, step.outcome, update,
                        RuleChanges.between(before, step.outcome.ruleset), RulesetHistory.versions(history),
                        step.restored, now);
        }
        if (reporter) {
            ctx.output(STATUS, status);
        }
    }
}
