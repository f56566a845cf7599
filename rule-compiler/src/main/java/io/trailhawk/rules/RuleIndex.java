package io.trailhawk.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.compile.FieldRequirement;
import io.trailhawk.rules.eval.Logical;
import io.trailhawk.rules.eval.NeedleSet;
import io.trailhawk.rules.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which rules an event can match. Rules are indexed by the event names their conditions require, else by the event
 * sources, else by the values some other string field must take or the substrings it must contain
 * ({@link FieldRequirement}); only the rest meet every event. A rule whose condition folded to {@link Logical#NEVER} meets none. Immutable and thread-safe.
 */
final class RuleIndex {
    private static final CompiledRule[] NONE = new CompiledRule[0];
    /** Distinct sources per name are bounded by the AWS API, but a hostile stream could invent them. */
    private static final int MAX_CACHED_PAIRS = 100_000;

    private final RuleMatching matching;
    private final Map<CompiledRule, Integer> order = new IdentityHashMap<>();
    private final CompiledRule[] unconstrained;
    /** Every rule indexed by event name or source, and those with no requirement at all, in rule order. */
    private final CompiledRule[] byNameSourceOrNothing;
    private final Map<String, CompiledRule[]> byName = new HashMap<>();
    private final Map<String, CompiledRule[]> bySource = new HashMap<>();
    /** Candidates for a name that also has rules indexed by its source: by the name's candidates, then source. */
    private final Map<CompiledRule[], Map<String, CompiledRule[]>> merged = new ConcurrentHashMap<>();
    private final FieldIndex[] byField;

    /** Rules indexed by one field: by its value, or by the substrings found in it. */
    private final class FieldIndex {
        final FieldRequirement field;
        final Map<String, CompiledRule[]> byValue = new HashMap<>();
        final NeedleSet needles;
        /** The rule each needle came from. */
        final CompiledRule[] needleRules;
        /** The candidates for the last set of needles found; replaced whole, so threads may race on it. */
        private Candidates last = new Candidates(new int[0], NONE);

        FieldIndex(FieldRequirement field, List<CompiledRule> rules) {
            this.field = field;
            if (field.kind() == FieldRequirement.Kind.EQUALS) {
                Map<String, List<CompiledRule>> values = new HashMap<>();
                for (CompiledRule r : rules) {
                    r.requirement().values().forEach(v -> values.computeIfAbsent(v, k -> new ArrayList<>()).add(r));
                }
                values.forEach((v, list) -> byValue.put(v, sorted(list, List.of())));
                needles = null;
                needleRules = null;
            } else {
                List<String> all = new ArrayList<>();
                List<CompiledRule> owners = new ArrayList<>();
                for (CompiledRule r : rules) {
                    for (String v : r.requirement().values()) {
                        all.add(v);
                        owners.add(r);
                    }
                }
                needles = NeedleSet.of(all);
                needleRules = owners.toArray(NONE);
            }
        }

        /** The rules this field's value makes candidates, in rule order; null when none. */
        CompiledRule[] candidates(CloudTrailEvent event) {
            Object v = field.extractor().extract(event);
            if (!(v instanceof String)) {
                return null;
            }
            if (needles == null) {
                return byValue.get(v);
            }
            int[] found = needles.found((String) v);
            if (found.length == 0) {
                return null;
            }
            Candidates c = last;
            if (c.found != found) {
                List<CompiledRule> rules = new ArrayList<>();
                for (int id : found) {
                    if (!rules.contains(needleRules[id])) {
                        rules.add(needleRules[id]);
                    }
                }
                c = new Candidates(found, sorted(rules, List.of()));
                last = c;
            }
            return c.rules;
        }
    }

    private static final class Candidates {
        final int[] found;
        final CompiledRule[] rules;

        Candidates(int[] found, CompiledRule[] rules) {
            this.found = found;
            this.rules = rules;
        }
    }

    /** {@code active}: the rules that evaluate events, in rule order. */
    RuleIndex(List<CompiledRule> active, RuleMatching matching) {
        this.matching = matching;
        List<CompiledRule> any = new ArrayList<>();
        Map<String, List<CompiledRule>> names = new HashMap<>();
        Map<String, List<CompiledRule>> sources = new HashMap<>();
        Map<String, List<CompiledRule>> byRequirement = new LinkedHashMap<>();
        for (CompiledRule r : active) {
            order.put(r, order.size());
            if (r.condition() == Logical.NEVER) {
                continue;
            }
            if (r.eventNames() != null) {
                r.eventNames().forEach(n -> names.computeIfAbsent(n, k -> new ArrayList<>()).add(r));
            } else if (r.eventSources() != null) {
                r.eventSources().forEach(s -> sources.computeIfAbsent(s, k -> new ArrayList<>()).add(r));
            } else if (r.requirement() != null) {
                String key = r.requirement().kind() + " " + r.requirement().field();
                byRequirement.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            } else {
                any.add(r);
            }
        }
        this.unconstrained = any.toArray(NONE);
        List<CompiledRule> nameSourceOrNothing = new ArrayList<>(any);
        names.values().forEach(nameSourceOrNothing::addAll);
        sources.values().forEach(nameSourceOrNothing::addAll);
        this.byNameSourceOrNothing = sorted(new ArrayList<>(new java.util.LinkedHashSet<>(nameSourceOrNothing)),
                List.of());
        names.forEach((n, rules) -> byName.put(n, sorted(rules, any)));
        sources.forEach((s, rules) -> bySource.put(s, sorted(rules, List.of())));
        List<FieldIndex> indexes = new ArrayList<>();
        byRequirement.forEach((key, rules) -> indexes.add(new FieldIndex(rules.get(0).requirement(), rules)));
        this.byField = indexes.toArray(new FieldIndex[0]);
    }

    /** The rules that match, in rule order (only the first with {@code first} matching); null when none did. */
    CompiledRule[] match(CloudTrailEvent event, RuleFailures failures) {
        JsonNode name = event.member("eventName");
        JsonNode source = event.member("eventSource");
        // A name or source that is not a string reads differently through ct.name and json.value[/eventName]:
        // such an event meets every rule those two indexes hold.
        boolean plain = (name == null || name.isTextual()) && (source == null || source.isTextual());
        CompiledRule[] matched = match(event, plain ? candidates(name == null ? null : name.textValue(),
                source == null ? null : source.textValue()) : byNameSourceOrNothing, failures);
        for (FieldIndex f : byField) {
            CompiledRule[] rules = f.candidates(event);
            if (rules != null) {
                matched = merge(matched, match(event, rules, failures));
            }
        }
        return matched;
    }

    /** The matching rules among {@code candidates}, in order, null-terminated, or null when none matched. */
    private CompiledRule[] match(CloudTrailEvent event, CompiledRule[] candidates, RuleFailures failures) {
        CompiledRule[] matched = null;
        int n = 0;
        for (CompiledRule r : candidates) {
            boolean holds;
            try {
                holds = r.condition().test(event);
            } catch (RuntimeException e) {
                failures.failed(r.name(), e);
                continue;
            }
            if (holds) {
                if (matched == null) {
                    matched = new CompiledRule[matching == RuleMatching.FIRST ? 2 : 4];
                } else if (n + 1 == matched.length) {
                    matched = Arrays.copyOf(matched, matched.length * 2);
                }
                matched[n++] = r;
                if (matching == RuleMatching.FIRST) {
                    break;
                }
            }
        }
        return matched;
    }

    /** Two null-terminated match lists as one, in rule order; with {@code first} matching, the earlier rule. */
    private CompiledRule[] merge(CompiledRule[] a, CompiledRule[] b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        if (matching == RuleMatching.FIRST) {
            return order.get(a[0]) < order.get(b[0]) ? a : b;
        }
        List<CompiledRule> all = new ArrayList<>();
        for (CompiledRule[] list : new CompiledRule[][] {a, b}) {
            for (CompiledRule r : list) {
                if (r == null) {
                    break;
                }
                all.add(r);
            }
        }
        CompiledRule[] out = sorted(all, List.of());
        return Arrays.copyOf(out, out.length + 1);
    }

    private CompiledRule[] candidates(String name, String source) {
        CompiledRule[] forName = name == null ? unconstrained : byName.getOrDefault(name, unconstrained);
        CompiledRule[] forSource = source == null ? null : bySource.get(source);
        if (forSource == null) {
            return forName;
        }
        // Keyed by the name's candidate array (arrays hash by identity) and then the source: nothing is allocated.
        Map<String, CompiledRule[]> bySourceHere = merged.computeIfAbsent(forName, k -> new ConcurrentHashMap<>());
        CompiledRule[] m = bySourceHere.get(source);
        if (m == null) {
            m = sorted(Arrays.asList(forName), Arrays.asList(forSource));
            if (bySourceHere.size() < MAX_CACHED_PAIRS) {
                bySourceHere.put(source, m);
            }
        }
        return m;
    }

    private CompiledRule[] sorted(List<CompiledRule> a, List<CompiledRule> b) {
        CompiledRule[] all = new CompiledRule[a.size() + b.size()];
        int i = 0;
        for (CompiledRule r : a) {
            all[i++] = r;
        }
        for (CompiledRule r : b) {
            all[i++] = r;
        }
        Arrays.sort(all, (x, y) -> Integer.compare(order.get(x), order.get(y)));
        return all;
    }
}
