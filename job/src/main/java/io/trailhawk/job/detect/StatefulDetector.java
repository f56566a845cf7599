package io.trailhawk.job.detect;

import io.trailhawk.job.JobMetrics;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.load.WindowDuration;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.stateful.GroupKey;
import io.trailhawk.stateful.KeyedState;
import io.trailhawk.stateful.Match;
import io.trailhawk.stateful.MatchBytes;
import io.trailhawk.stateful.RuleBirths;
import io.trailhawk.stateful.StatefulEngine;
import io.trailhawk.stateful.StatefulRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of stateful rules, keyed by group ({@link StatefulRules#keyOf}): under one key, the group's state for
 * every rule of the same {@code by}, one entry per rule. It runs {@link StatefulEngine}, the same engine as the
 * command line, over Flink keyed state and event-time timers. The rule files come on the broadcast side as they do
 * to the rules operator, so the rules hot-reload; after each reload the state of rules that are gone or changed is
 * removed.
 */
public final class StatefulDetector extends KeyedBroadcastProcessFunction<GroupKey, StatefulMatch, RuleFileUpdate,
        AlertRecord> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StatefulDetector.class);

    /**
     * The operator's uid. Version 2 keys state by {@link GroupKey}; the state of version 1, keyed by strings, is
     * not restored into it (its serializer cannot read those keys). Release 0.1.0 kept one key per rule and group
     * under this uid, and its state is read on ({@link io.trailhawk.stateful.GroupEntries}, {@link RuleFiles}).
     */
    public static final String UID = "detect-stateful-v2";

    /**
     * Beyond the longest window. Timers remove state; this removes what a timer never reaches. On RocksDB,
     * compaction drops expired entries. On the heap there is no cleanup in the background: it visits entries on
     * every access, which at a million groups costs more than the rules do; expiry is checked on read and in
     * snapshots.
     */
    private static final StateTtlConfig BACKSTOP_TTL = StateTtlConfig
            .newBuilder(Duration.ofNanos(WindowDuration.MAX_NANOS).plusDays(1))
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .disableCleanupInBackground().cleanupFullSnapshot().cleanupInRocksdbCompactFilter(1000).build();

    /** One group key's state, with {@link #BACKSTOP_TTL}: since release 0.1.0, the entries of all its rules. */
    static final ValueStateDescriptor<byte[]> GROUP_STATE = groupState();
    /**
     * A sequence's steps that arrived ahead of the watermark, as {@link MatchBytes}, beyond the few a key's state
     * holds itself: each waits for the timer at its event time, so that steps reach the engine in event-time order,
     * as in the command line.
     */
    static final MapStateDescriptor<Long, byte[]> PENDING = HeldMatches.descriptor(BACKSTOP_TTL);
    /**
     * Each rule's birth (first_seen's learning start) as "fingerprint in hex, tab, nanoseconds", per subtask; on
     * restore every subtask takes the earliest. Births of rules the ruleset no longer has are not kept.
     */
    static final ListStateDescriptor<String> BIRTHS = new ListStateDescriptor<>("stateful-births-v1", Types.STRING);

    private final RulesetBuilder builder;
    private final AlertWriter writer;
    private final int historyVersions;
    private final String hostname;
    private final JobMetrics metrics;

    private transient StatefulEngine engine;
    /** The active ruleset, for which of its rules are in shadow. */
    private transient CompiledRuleset ruleset;
    private transient long activeVersion;
    private transient RulesetBuilder.Outcome activeOutcome;
    private transient String host;
    private transient Map<Long, Long> births;
    private transient ListState<String> birthState;
    private transient ValueState<byte[]> groupState;
    private transient HeldMatches held;
    private transient Counter matches;
    private transient Counter lateMatches;
    private transient Counter alerts;
    private transient Counter shadowAlerts;
    private transient Counter unknownRuleMatches;

    public StatefulDetector(RulesetBuilder builder, int historyVersions, String hostname, JobMetrics metrics,
            AlertWriter writer) {
        this.builder = builder;
        this.writer = writer;
        this.historyVersions = historyVersions;
        this.hostname = hostname;
        this.metrics = metrics;
    }

    private static ValueStateDescriptor<byte[]> groupState() {
        ValueStateDescriptor<byte[]> d = new ValueStateDescriptor<>("stateful-group-v1",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        d.enableTimeToLive(BACKSTOP_TTL);
        return d;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        host = RuleFiles.host(hostname);
        RuleFiles.Restored r = RuleFiles.restore(context.getOperatorStateStore(), builder, host);
        activate(r.outcome, r.version);
        RulesetHistory.recordStart(context.getOperatorStateStore(), r.version, r.outcome, historyVersions);
        birthState = context.getOperatorStateStore().getUnionListState(BIRTHS);
        births = new HashMap<>();
        for (String entry : birthState.get()) {
            int tab = entry.indexOf('\t');
            births.merge(Long.parseUnsignedLong(entry.substring(0, tab), 16), Long.parseLong(entry.substring(tab + 1)),
                    Math::min);
        }
        LOG.info("stateful rules of ruleset version {} active{}", activeVersion,
                context.isRestored() ? " (restored)" : "");
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        birthState.clear();
        births.keySet().removeIf(f -> engine.rules().ruleOf(f).isEmpty());
        for (Map.Entry<Long, Long> e : births.entrySet()) {
            birthState.add(Long.toHexString(e.getKey()) + "\t" + e.getValue());
        }
    }

    private void activate(RulesetBuilder.Outcome o, long version) {
        engine = new StatefulEngine(StatefulRules.of(o.ruleset));
        ruleset = o.ruleset;
        activeOutcome = o;
        activeVersion = version;
    }

    @Override
    public void open(Configuration parameters) {
        writer.open(host);
        groupState = getRuntimeContext().getState(GROUP_STATE);
        held = new HeldMatches(getRuntimeContext().getMapState(PENDING));
        org.apache.flink.metrics.MetricGroup m = metrics.group(getRuntimeContext());
        matches = m.counter("statefulMatches");
        lateMatches = m.counter("lateMatches");
        alerts = m.counter("statefulAlerts");
        shadowAlerts = m.counter("statefulShadowAlerts");
        m.gauge("alertsOfUnlistedAccounts", writer::unlistedAccounts);
        m.gauge("alertRouteFailures", writer::failures);
        unknownRuleMatches = m.counter("statefulMatchesOfUnknownRules");
    }

    @Override
    public void processElement(StatefulMatch m, ReadOnlyContext ctx, Collector<AlertRecord> out) throws Exception {
        List<Match> given = MatchBytes.split(m.matches);
        long watermark = ctx.timerService().currentWatermark();
        List<Match> known = new ArrayList<>(given.size());
        for (Match match : given) {
            matches.inc();
            if (!engine.knows(match.fingerprint())) {
                // Keyed by a ruleset this operator does not run yet or any more: a reload reaches the two operators
                // at different moments. Counted, so that a gap is visible.
                unknownRuleMatches.inc();
                continue;
            }
            if (match.timeNanos() / 1_000_000L < watermark) {
                // Behind the watermark: its state is updated by its event time all the same; nothing is dropped.
                lateMatches.inc();
            }
            known.add(match);
        }
        long watermarkNanos = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark * 1_000_000L;
        emit(engine.onMatches(ctx.getCurrentKey(), known, keyed(ctx.timerService()), births(), watermarkNanos), out,
                r -> ctx.output(ShadowAlerts.TAG, r));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertRecord> out) throws Exception {
        emit(engine.onTimer(ctx.getCurrentKey(), timestamp * 1_000_000L, keyed(ctx.timerService()), births()), out,
                r -> ctx.output(ShadowAlerts.TAG, r));
    }

    @Override
    public void processBroadcastElement(RuleFileUpdate update, Context ctx, Collector<AlertRecord> out)
            throws Exception {
        if (update.start) {
            return;
        }
        RulesetUpdates.Step step = RulesetUpdates.apply(new RulesetUpdates.Target(
                ctx.getBroadcastState(RuleFiles.FILES), ctx.getBroadcastState(RuleFiles.META),
                ctx.getBroadcastState(RulesetHistory.HISTORY), builder, host, historyVersions), update, activeOutcome,
                activeVersion, java.time.Instant.now());
        if (step.result != RulesetUpdates.Result.ACTIVATED) {
            return;
        }
        long version = step.version;
        if (step.outcome.ruleset.sameCompiledRules(ruleset)) {
            // A promotion: the same compiled rules, so the same state; only where their alerts go changes.
            ruleset = step.outcome.ruleset;
            activeOutcome = step.outcome;
            activeVersion = version;
            return;
        }
        StatefulEngine previous = engine;
        CompiledRuleset before = ruleset;
        activate(step.outcome, version);
        StatefulEngine next = engine;
        int[] removed = {0};
        List<Alert> owed = new ArrayList<>();
        ctx.applyToKeyedState(GROUP_STATE, (key, state) ->
                removed[0] += previous.retain(next, key, new GroupState(state, null, null), owed));
        // What a changed or removed rule still owes goes where that rule's alerts went, not where the new ruleset
        // would send alerts of its name.
        emit(owed, before, out, r -> ctx.output(ShadowAlerts.TAG, r));
        LOG.info("stateful rules of ruleset version {} active; state of {} rules' groups of changed or removed "
                + "rules removed", version, removed[0]);
    }

    private void emit(List<Alert> fired, Collector<AlertRecord> out, java.util.function.Consumer<AlertRecord> shadow) {
        emit(fired, ruleset, out, shadow);
    }

    private void emit(List<Alert> fired, CompiledRuleset routing, Collector<AlertRecord> out,
            java.util.function.Consumer<AlertRecord> shadow) {
        for (Alert a : fired) {
            if (routing.inShadow(a.rule())) {
                writer.writeShadow(a, activeVersion, shadow);
                shadowAlerts.inc();
                continue;
            }
            writer.write(a, activeVersion, activeOutcome.accounts, out::collect);
            alerts.inc();
        }
    }

    private RuleBirths births() {
        return (fingerprint, eventTimeNanos) -> births.computeIfAbsent(fingerprint, k -> eventTimeNanos);
    }

    private KeyedState keyed(TimerService timers) {
        return new GroupState(groupState, held, timers);
    }

    /**
     * A group key's state as the engine sees it; from the broadcast side, where no timer can be set and no step is
     * held, without either.
     */
    private static final class GroupState implements KeyedState {
        private final ValueState<byte[]> state;
        /** Null on the broadcast side. */
        private final HeldMatches held;
        /** Null on the broadcast side: the rule is going, and nothing is left to time. */
        private final TimerService timers;

        GroupState(ValueState<byte[]> state, HeldMatches held, TimerService timers) {
            this.state = state;
            this.held = held;
            this.timers = timers;
        }

        @Override
        public byte[] get() {
            try {
                return state.value();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void put(byte[] bytes) {
            try {
                state.update(bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void clear() {
            state.clear();
        }

        @Override
        public void registerTimer(long timeNanos) {
            if (timers != null) {
                timers.registerEventTimeTimer(millisAtOrAfter(timeNanos));
            }
        }

        @Override
        public boolean hold(long timeNanos, byte[] match) {
            if (held == null || timers == null) {
                return false;
            }
            try {
                if (!held.hold(millisAtOrAfter(timeNanos), match)) {
                    return false;
                }
            } catch (Exception e) {
                throw new IllegalStateException("holding a sequence step failed", e);
            }
            timers.registerEventTimeTimer(millisAtOrAfter(timeNanos));
            return true;
        }

        @Override
        public List<byte[]> release(long timeNanos) {
            if (held == null) {
                return List.of();
            }
            try {
                return held.release(millisAtOrAfter(timeNanos));
            } catch (Exception e) {
                throw new IllegalStateException("releasing sequence steps failed", e);
            }
        }
    }

    /** Timers are in milliseconds: rounding up fires them at or after the time asked for. */
    private static long millisAtOrAfter(long timeNanos) {
        return Math.floorDiv(timeNanos + 999_999L, 1_000_000L);
    }
}
