package io.trailhawk.stateful;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.load.StatefulClause;
import io.trailhawk.rules.output.Alert;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one implementation of stateful rules, for the job and the command line alike. The host keys each match by
 * {@link StatefulRules#keyOf}, gives the engine that key's {@link KeyedState}, and fires the timers it asks for
 * as event time passes them. Under one key are the states of every rule of the same {@code by} ({@link
 * GroupEntries}). Alerts without state pass the host by; the engine sees only matches of stateful rules.
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
     * The alerts that one event's matches under {@code key} give now, in the order given. A sequence's step at or
     * after {@code watermarkNanos} waits for the timer at its time, so that steps reach the sequence in event-time
     * order; a host whose input is in that order already passes {@link Long#MAX_VALUE}. The other kinds take
     * matches as they come, so that their first alerts are not delayed. A match of a rule this ruleset does not
     * have ({@link #knows}) is skipped.
     */
    public List<Alert> onMatches(GroupKey key, List<Match> matches, KeyedState group, RuleBirths births,
            long watermarkNanos) {
        GroupEntries g = GroupEntries.read(group.get(), key);
        List<Alert> out = new ArrayList<>();
        for (Match m : matches) {
            CompiledRule rule = rules.ruleOf(m.fingerprint()).orElse(null);
            if (rule == null) {
                continue;
            }
            if (m.timeNanos() >= watermarkNanos && isSequence(rule) && hold(g, m, group)) {
                continue;
            }
            out.addAll(kind(rule).onMatch(m, key, rule, g.of(m.fingerprint(), group), births));
        }
        g.writeTo(group);
        return out;
    }

    /** Holds a step until the timer at its time: in the key's state while there is room, else in the host's. */
    private static boolean hold(GroupEntries g, Match m, KeyedState group) {
        if (g.heldByHost == 0 && g.steps.size() < GroupEntries.INLINE_STEPS) {
            g.steps.add(m.encoded());
            g.arm(m.timeNanos(), group);
            return true;
        }
        // Once the host holds some, later steps go there too, so that steps of one time leave in the order they came.
        if (group.hold(m.timeNanos(), m.encoded())) {
            g.heldByHost++;
            return true;
        }
        return false;
    }

    /**
     * A timer on {@code key} has fired at {@code timeNanos}: the steps held until then reach their sequences, and
     * the rules whose timers are due see it. The state of a rule this ruleset no longer has, or has changed, is
     * removed.
     */
    public List<Alert> onTimer(GroupKey key, long timeNanos, KeyedState group, RuleBirths births) {
        GroupEntries g = GroupEntries.read(group.get(), key);
        g.fired(timeNanos);
        List<Alert> out = new ArrayList<>();
        for (Match step : released(g, key, timeNanos, group)) {
            rules.ruleOf(step.fingerprint()).ifPresent(rule ->
                    out.addAll(kind(rule).onMatch(step, key, rule, g.of(step.fingerprint(), group), births)));
        }
        g.entries.removeIf(e -> rules.ruleOf(e.fingerprint).isEmpty());
        for (GroupEntries.Entry e : new ArrayList<>(g.entries)) {
            if (e.due <= timeNanos) {
                e.due = GroupEntries.NO_TIMER;
                CompiledRule rule = rules.ruleOf(e.fingerprint).orElseThrow();
                out.addAll(kind(rule).onTimer(timeNanos, rule, g.of(e.fingerprint, group)));
            }
        }
        g.armNext(group);
        g.writeTo(group);
        return out;
    }

    /** The steps due at {@code timeNanos}: the key's own first, then the host's, each in the order they came. */
    private List<Match> released(GroupEntries g, GroupKey key, long timeNanos, KeyedState group) {
        List<Match> due = new ArrayList<>();
        g.steps.removeIf(b -> {
            if (MatchBytes.timeNanos(b) > timeNanos) {
                return false;
            }
            due.add(MatchBytes.decode(b, key.scope()));
            return true;
        });
        due.sort(java.util.Comparator.comparingLong(Match::timeNanos));
        // A key of release 0.1.0's layout may have steps in the host's hold that its state does not count.
        if (g.heldByHost > 0 || !rules.isScope(key.scope())) {
            List<byte[]> held = group.release(timeNanos);
            g.heldByHost = Math.max(0, g.heldByHost - held.size());
            for (byte[] b : held) {
                due.add(MatchBytes.decode(b, key.scope()));
            }
        }
        return due;
    }

    /**
     * A reload to {@code next}: the rules of {@code key} that {@code next} no longer has, or has changed, give what
     * their state still owes (a suppression window's summary), into {@code owed}, and their state is removed.
     * Gives how many rules' states were removed.
     */
    public int retain(StatefulEngine next, GroupKey key, KeyedState group, List<Alert> owed) {
        GroupEntries g = GroupEntries.read(group.get(), key);
        int removed = 0;
        for (GroupEntries.Entry e : new ArrayList<>(g.entries)) {
            if (next.knows(e.fingerprint)) {
                continue;
            }
            rules.ruleOf(e.fingerprint).ifPresent(rule ->
                    owed.addAll(kind(rule).onTimer(Long.MAX_VALUE, rule, g.of(e.fingerprint, group))));
            g.entries.remove(e);
            removed++;
        }
        g.steps.removeIf(b -> !next.knows(MatchBytes.decode(b, key.scope()).fingerprint()));
        g.writeTo(group);
        return removed;
    }

    /** Whether this ruleset has the rule of {@code fingerprint}, unchanged. */
    public boolean knows(long fingerprint) {
        return rules.ruleOf(fingerprint).isPresent();
    }

    private static boolean isSequence(CompiledRule rule) {
        return rule.stateful().orElseThrow().kind() == StatefulClause.Kind.SEQUENCE;
    }

    private static StateKind kind(CompiledRule rule) {
        return KINDS.get(rule.stateful().orElseThrow().kind());
    }
}
