package io.trailhawk.rules;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.json.Projection;
import io.trailhawk.rules.json.RecordLayout;
import io.trailhawk.rules.event.RecordReader;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.output.Alert;
import io.trailhawk.rules.output.EventFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable, thread-safe ruleset that turns CloudTrail events into alerts.
 *
 * <p>A {@link RuleIndex} gives each event only the rules that can match it, and alerts come in rule order. Records
 * given as bytes are read lazily by an {@link Evaluator}, one per thread, with the ruleset's {@link Projection}:
 * only members that are read are built, and only the parts some rule reads.
 */
public final class CompiledRuleset {
    private final List<CompiledRule> allRules;
    private final CompiledRule[] active;
    private final Projection projection;
    private final RuleIndex index;
    /** With {@code first} matching, the rules that only feed sequences, all of which see each event; else null. */
    private final RuleIndex feeders;
    private final RuleMatching matching;
    private final Priority minPriority;
    /** Whether alerts carry their event's {@link EventFacts}, for alert formats other than Falco JSON. */
    private final boolean keepFacts;
    private final int lists;
    private final int macros;
    private final List<String> files;
    private final List<Issue> warnings;
    /** By step rule name: the active sequences it is a step of. */
    private final Map<String, List<CompiledRule>> sequencesOfStep;
    /** Rules evaluated only to feed sequences: below the priority threshold, or {@code alert: false}. */
    private final Set<String> feedOnly;
    /** The names of the rules promoted out of shadow. */
    private final Set<String> promoted;
    /** The names of the rules whose alerts go to the shadow output: in shadow as compiled, and not promoted. */
    private final Set<String> shadow;

    CompiledRuleset(List<CompiledRule> allRules, Priority minPriority, RuleMatching matching, int lists, int macros,
            List<String> files, List<Issue> warnings) {
        this(allRules, minPriority, matching, lists, macros, files, warnings, false, Set.of());
    }

    CompiledRuleset(List<CompiledRule> allRules, Priority minPriority, RuleMatching matching, int lists, int macros,
            List<String> files, List<Issue> warnings, boolean keepFacts) {
        this(allRules, minPriority, matching, lists, macros, files, warnings, keepFacts, Set.of());
    }

    private CompiledRuleset(List<CompiledRule> allRules, Priority minPriority, RuleMatching matching, int lists,
            int macros, List<String> files, List<Issue> warnings, boolean keepFacts, Set<String> promoted) {
        this.allRules = Collections.unmodifiableList(new ArrayList<>(allRules));
        this.keepFacts = keepFacts;
        this.minPriority = minPriority;
        this.matching = matching;
        this.lists = lists;
        this.macros = macros;
        this.files = Collections.unmodifiableList(new ArrayList<>(files));
        this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
        this.sequencesOfStep = new HashMap<>();
        this.feedOnly = new HashSet<>();
        this.promoted = Set.copyOf(promoted);
        this.shadow = inShadow(allRules, promoted);
        List<CompiledRule> act = new ArrayList<>();
        List<String[]> reads = new ArrayList<>();
        for (CompiledRule r : allRules) {
            if (r.enabled() && r.priority().atLeast(minPriority)) {
                act.add(r);
                reads.addAll(r.reads());
                if (r.isSequence()) {
                    r.stateful().get().steps().forEach(step -> sequencesOfStep.computeIfAbsent(step,
                            k -> new ArrayList<>()).add(r));
                }
            }
        }
        this.active = act.toArray(new CompiledRule[0]);
        // A sequence matches through its steps, which are evaluated even below the threshold, to feed it.
        List<CompiledRule> evaluated = new ArrayList<>();
        Set<CompiledRule> activeSet = new HashSet<>(act);
        for (CompiledRule r : allRules) {
            boolean isActive = activeSet.contains(r);
            boolean feeds = r.enabled() && sequencesOfStep.containsKey(r.name());
            if ((isActive && !r.isSequence()) || (!isActive && feeds)) {
                evaluated.add(r);
                if (!isActive) {
                    reads.addAll(r.reads());
                }
            }
            if (!r.alerts() || (!isActive && feeds)) {
                feedOnly.add(r.name());
            }
        }
        if (keepFacts) {
            reads.addAll(EventFacts.READS);
        }
        this.projection = Projection.of(reads);
        if (matching == RuleMatching.FIRST) {
            // A rule that only feeds sequences never takes an event from the rules after it: the first rule that
            // alerts does, and every feeder that matches still feeds. Nor does a rule in shadow, which would
            // otherwise take the event from the live rule it is staged beside.
            List<CompiledRule> alerting = new ArrayList<>();
            List<CompiledRule> feeding = new ArrayList<>();
            evaluated.forEach(r -> (feedOnly.contains(r.name()) || shadow.contains(r.name()) ? feeding : alerting)
                    .add(r));
            this.index = new RuleIndex(alerting, matching);
            this.feeders = feeding.isEmpty() ? null : new RuleIndex(feeding, RuleMatching.ALL);
        } else {
            this.index = new RuleIndex(evaluated, matching);
            this.feeders = null;
        }
    }

    private CompiledRuleset(CompiledRuleset r, Set<String> promoted) {
        this.allRules = r.allRules;
        this.keepFacts = r.keepFacts;
        this.minPriority = r.minPriority;
        this.active = r.active;
        this.projection = r.projection;
        this.index = r.index;
        this.feeders = r.feeders;
        this.matching = r.matching;
        this.lists = r.lists;
        this.macros = r.macros;
        this.files = r.files;
        this.warnings = r.warnings;
        this.sequencesOfStep = r.sequencesOfStep;
        this.feedOnly = r.feedOnly;
        this.promoted = Set.copyOf(promoted);
        this.shadow = inShadow(r.allRules, promoted);
    }

    private static Set<String> inShadow(List<CompiledRule> rules, Set<String> promoted) {
        Set<String> out = new HashSet<>();
        rules.forEach(r -> {
            if (r.shadow() && !promoted.contains(r.name())) {
                out.add(r.name());
            }
        });
        return Collections.unmodifiableSet(out);
    }

    /**
     * This ruleset with {@code names} promoted out of shadow, and no others: the same compiled rules, so that
     * promoting costs no compile. With {@code all} matching the index is shared too; with {@code first} it is built
     * again, as a rule in shadow is kept out of the first-match order. A name that is no rule in shadow changes
     * nothing.
     */
    public CompiledRuleset withPromoted(Set<String> names) {
        if (matching == RuleMatching.FIRST) {
            return new CompiledRuleset(allRules, minPriority, matching, lists, macros, files, warnings, keepFacts,
                    names);
        }
        return new CompiledRuleset(this, names);
    }

    /** Whether {@code other} holds the very rules this one does, as a promotion leaves them: nothing was compiled. */
    public boolean sameCompiledRules(CompiledRuleset other) {
        if (other.allRules.size() != allRules.size()) {
            return false;
        }
        for (int i = 0; i < allRules.size(); i++) {
            if (other.allRules.get(i) != allRules.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the alerts of rule {@code name} go only to the shadow output. */
    public boolean inShadow(String name) {
        return shadow.contains(name);
    }

    /** The rules whose alerts go only to the shadow output, in evaluation order. */
    public List<String> shadowRules() {
        List<String> out = new ArrayList<>();
        allRules.forEach(r -> {
            if (shadow.contains(r.name())) {
                out.add(r.name());
            }
        });
        return out;
    }

    /** The names promoted out of shadow, as {@link #withPromoted} was given them. */
    public Set<String> promoted() {
        return promoted;
    }

    /**
     * An evaluator of records given as JSON bytes, for one thread: it owns the reader's reused state. Make one per
     * thread or operator instance, and a new one when the ruleset changes.
     */
    public Evaluator evaluator() {
        return new Evaluator(this);
    }

    /** Evaluates JSON records against one ruleset on one thread. Not thread-safe. */
    public static final class Evaluator {
        private final CompiledRuleset ruleset;
        private final RecordReader reader;

        private Evaluator(CompiledRuleset ruleset) {
            this.ruleset = ruleset;
            this.reader = RecordReader.of(ruleset.projection);
        }

        /**
         * Evaluates a record. Its top-level members are located in one pass, and each is built only when a
         * candidate rule, or the output of a matching one, reads it. A malformed member that is read throws.
         */
        public List<Alert> evaluate(byte[] recordJson, long number) throws IOException {
            return evaluate(recordJson, null, number);
        }

        /**
         * The same, for a record whose layout the decoder found while checking it: the members are not searched
         * for again. {@code layout} must come from these bytes; null means unknown.
         */
        public List<Alert> evaluate(byte[] recordJson, RecordLayout layout, long number) throws IOException {
            return evaluate(recordJson, layout, number, RuleFailures.RETHROW);
        }

        /** The same, with each rule that throws reported to {@code failures} while the others go on. */
        public List<Alert> evaluate(byte[] recordJson, RecordLayout layout, long number, RuleFailures failures)
                throws IOException {
            CloudTrailEvent event = reader.read(recordJson, layout, number);
            try {
                return ruleset.evaluate(event, failures);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /** Evaluates one event. Returns the alerts in rule order; an empty list when nothing matched. */
    public List<Alert> evaluate(CloudTrailEvent event) {
        return evaluate(event, RuleFailures.RETHROW);
    }

    /** The same, with each rule that throws reported to {@code failures} while the others go on. */
    public List<Alert> evaluate(CloudTrailEvent event, RuleFailures failures) {
        CompiledRule[] matched = index.match(event, failures);
        CompiledRule[] fed = feeders == null ? null : feeders.match(event, failures);
        if (fed == null) {
            return matched == null ? Collections.emptyList() : alerts(matched, event, failures);
        }
        List<Alert> out = new ArrayList<>(alerts(fed, event, failures));
        if (matched != null) {
            out.addAll(0, alerts(matched, event, failures));
        }
        return out;
    }

    /**
     * For each matching rule: its alert, unless it only feeds sequences; the match of a stateful rule carries its
     * {@link io.trailhawk.rules.output.StatefulContext}, and what alerts is for the state to decide. Then, for each
     * sequence the rule is a step of, the sequence's match on this event.
     */
    private List<Alert> alerts(CompiledRule[] matched, CloudTrailEvent event, RuleFailures failures) {
        List<Alert> alerts = new ArrayList<>(matched.length);
        EventFacts facts = keepFacts ? EventFacts.of(event) : EventFacts.NONE;
        for (CompiledRule r : matched) {
            if (r == null) {
                break;
            }
            if (!feedOnly.contains(r.name())) {
                try {
                    alerts.add(r.output().alert(r.name(), r.priority(), r.source(), r.tags(), event,
                            r.stateful().map(s -> s.match(event)).orElse(null), facts));
                } catch (RuntimeException e) {
                    failures.failed(r.name(), e);
                }
            }
            List<CompiledRule> sequences = sequencesOfStep.get(r.name());
            if (sequences != null) {
                for (CompiledRule s : sequences) {
                    try {
                        alerts.add(s.output().alert(s.name(), s.priority(), s.source(), s.tags(), event,
                                s.stateful().get().step(r.name(), event), facts));
                    } catch (RuntimeException e) {
                        failures.failed(s.name(), e);
                    }
                }
            }
        }
        return alerts;
    }

    /** Every rule that compiled, enabled or not, in evaluation order. */
    public List<CompiledRule> rules() {
        return allRules;
    }

    /** The rules that evaluate events, in order: enabled and at or above the priority threshold. */
    public List<CompiledRule> activeRules() {
        return Collections.unmodifiableList(Arrays.asList(active));
    }

    public int activeRuleCount() {
        return active.length;
    }

    public int ruleCount() {
        return allRules.size();
    }

    public int listCount() {
        return lists;
    }

    public int macroCount() {
        return macros;
    }

    public List<String> files() {
        return files;
    }

    public List<Issue> warnings() {
        return warnings;
    }

    public RuleMatching matching() {
        return matching;
    }

    /** The record members the conditions and outputs read. */
    public Projection projection() {
        return projection;
    }
}
