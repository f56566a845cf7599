package io.trailhawk.job.detect;

import io.trailhawk.job.JobMetrics;
import io.trailhawk.job.decode.DeadLetter;
import io.trailhawk.job.decode.DecodedRecord;
import io.trailhawk.job.decode.PayloadDecoder;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.json.RecordLayout;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.output.AlertJson;
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
    /** Matches of stateful rules, keyed for {@link StatefulDetector}. */
    public static final OutputTag<StatefulMatch> STATEFUL_MATCHES = new OutputTag<StatefulMatch>("stateful-matches") {
        private static final long serialVersionUID = 1L;
    };
    public static final OutputTag<String> STATUS = new OutputTag<String>("ruleset-status") {
        private static final long serialVersionUID = 1L;
    };

    private final RulesetBuilder builder;
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
    private transient AlertJson alertJson;
    private transient long evaluated;
    private transient Counter eventsEvaluated;
    private transient Counter alerts;
    private transient Counter rejections;
    private transient Counter evaluationFailures;
    private transient FailedRules failedRules;
    private transient Histogram evaluationNanos;
    private static final int TIMED_EVERY = 16;
    private transient MetricGroup metricGroup;
    /** By rule name; rules whose names share an id share one counter, as one metric can only be registered once. */
    private transient Map<String, Counter> alertsByRule;
    private transient Map<String, Counter> alertsById;

    public RuleEvaluator(RulesetBuilder builder, String hostname, JobMetrics metrics) {
        this.builder = builder;
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
        alertJson = new AlertJson(host());
        MetricGroup m = metrics.group(getRuntimeContext());
        eventsEvaluated = m.counter("eventsEvaluated");
        alerts = m.counter("alerts");
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
            out.collect(AlertRecord.of(a, alertJson.renderUtf8(a, activeVersion)));
            alerts.inc();
            if (metrics.perRule()) {
                alertsByRule.computeIfAbsent(a.rule(), this::ruleCounter).inc();
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

    private Counter ruleCounter(String rule) {
        return alertsById.computeIfAbsent(JobMetrics.ruleId(rule),
                id -> metricGroup.addGroup(JobMetrics.RULE_GROUP, id).counter("alerts"));
    }

    @Override
    public void processBroadcastElement(RuleFileUpdate update, Context ctx, Collector<AlertRecord> out)
            throws Exception {
        boolean reporter = getRuntimeContext().getIndexOfThisSubtask() == 0;
        if (update.start) {
            if (reporter) {
                ctx.output(STATUS, RulesetStatus.started(activeVersion, activeOutcome, restored, Instant.now()));
            }
            return;
        }
        BroadcastState<String, RuleFileState> files = ctx.getBroadcastState(RULE_FILES);
        String stale = update.rejection == null ? RuleFiles.staleness(files, update) : null;
        if (stale != null) {
            update = update.refused(stale);
        }
        if (update.rejection != null) {
            rejections.inc();
            LOG.warn("rule update for {} refused: {}", update.name, update.rejection);
            if (reporter) {
                ctx.output(STATUS, RulesetStatus.refused(activeVersion, update, Instant.now()));
            }
            return;
        }
        RulesetBuilder.Outcome o = RuleFiles.tryUpdate(files, update, builder, host());
        if (!o.activated()) {
            RuleFiles.rememberRefused(files, update);
            rejections.inc();
            LOG.warn("ruleset rejected after update of {}; version {} stays active: {}", update.name, activeVersion,
                    o.issues);
            if (reporter) {
                ctx.output(STATUS, RulesetStatus.rejected(activeVersion, o, update, Instant.now()));
            }
            return;
        }
        long version = activeVersion + 1;
        RuleFiles.commit(files, ctx.getBroadcastState(RULESET_META), update, version);
        CompiledRuleset before = active;
        activate(o, version);
        LOG.info("ruleset version {} activated after {} of {}: {} rules", version,
                update.isDelete() ? "delete" : "put", update.name, active.ruleCount());
        if (reporter) {
            ctx.output(STATUS, RulesetStatus.activated(version, o, update, RuleChanges.between(before, o.ruleset),
                    Instant.now()));
        }
    }

}
