package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.load.StatefulClause;
import io.trailhawk.rules.output.Alert;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one implementation of stateful rules, for the job and the command line alike. The host keys each match by
 * {@link StatefulRules#keyOf}, gives the engine that key's {@link KeyedState}, and fires the timers it asks for
 * as event time passes them. Alerts without state pass the host by; the engine sees only matches of stateful rules.
 */
public final class StatefulEngine {
    private static final Map<StatefulClause.Kind, StateKind> KINDS = new EnumMap<>(StatefulClause.Kind.class);

    static {
        KINDS.put(StatefulClause.Kind.SUPPRESS, new Suppression());
        KINDS.put(StatefulClause.Kind.THRESHOLD, new Threshold());
        KINDS.put(StatefulClause.Kind.DISTINCT, new DistinctCount());
        KINDS.put(StatefulClause.Kind.SEQUENCE, new Sequence());
        KINDS.put(StatefulClause.Kind.FIRST_SEEN, new FirstSeen());
    }

    private final StatefulRules rules;

    public StatefulEngine(StatefulRules rules) {
        this.rules = rules;
    }

    public StatefulRules rules() {
        return rules;
    }

    /**
     * The alerts a match of a stateful rule gives now, if any; {@code key} is {@link StatefulRules#keyOf} it. Empty
     * when this ruleset has no rule of that key, unchanged: the match is not counted anywhere.
     */
    public Optional<List<Alert>> onMatch(Match match, GroupKey key, KeyedState state, RuleBirths births) {
        return rules.ruleOfKey(key).map(rule -> kind(rule).onMatch(match, key, rule, state, births));
    }

    /**
     * A timer on {@code key} has fired at {@code timeNanos}. The state of a rule this ruleset no longer has, or
     * has changed, is removed.
     */
    public List<Alert> onTimer(GroupKey key, long timeNanos, KeyedState state) {
        Optional<CompiledRule> rule = rules.ruleOfKey(key);
        if (rule.isEmpty()) {
            state.clear();
            return List.of();
        }
        return kind(rule.get()).onTimer(timeNanos, rule.get(), state);
    }

    /**
     * The rule of {@code key} is going (removed or changed by a reload): what its state still owes, a suppression
     * window's summary, and then the state is removed.
     */
    public List<Alert> close(GroupKey key, KeyedState state) {
        Optional<CompiledRule> rule = rules.ruleOfKey(key);
        List<Alert> owed = rule.isEmpty() ? List.of() : kind(rule.get()).onTimer(Long.MAX_VALUE, rule.get(), state);
        state.clear();
        return owed;
    }

    /**
     * Whether the matches under {@code key} must reach the engine in event-time order: a sequence's steps do, so a
     * host that receives them out of order holds each until event time passes it. The other kinds take matches as
     * they come, so that their first alerts are not delayed.
     */
    public boolean needsEventTimeOrder(GroupKey key) {
        return rules.ruleOfKey(key).filter(r -> r.stateful().get().kind() == StatefulClause.Kind.SEQUENCE)
                .isPresent();
    }

    /** Whether state under {@code key} still belongs to a rule of this ruleset, unchanged. */
    public boolean keeps(GroupKey key) {
        return rules.ruleOfKey(key).isPresent();
    }

    private static StateKind kind(CompiledRule rule) {
        return KINDS.get(rule.stateful().orElseThrow().kind());
    }
}
