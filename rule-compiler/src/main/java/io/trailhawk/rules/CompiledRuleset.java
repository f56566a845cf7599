package io.trailhawk.rules;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.eval.Logical;
import io.trailhawk.rules.event.CloudTrailEvent;
import io.trailhawk.rules.event.Projection;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable, thread-safe ruleset that turns CloudTrail events into alerts.
 *
 * <p>Rules are indexed by the event names (or, failing that, the event sources) their conditions require, so each
 * event meets only the rules that can match it, still in rule order. Records given as bytes are read lazily, with
 * the ruleset's {@link Projection}: only members that are read are built, and only the parts some rule reads.
 */
public final class CompiledRuleset {
    private static final CompiledRule[] NONE = new CompiledRule[0];
    /** Distinct (name, source) pairs are bounded by the AWS API, but a hostile stream could invent them. */
    private static final int MAX_CACHED_PAIRS = 100_000;

    private final List<CompiledRule> allRules;
    private final CompiledRule[] active;
    private final CompiledRule[] unconstrained;
    private final Map<String, CompiledRule[]> byName;
    private final Map<String, CompiledRule[]> bySource;
    private final Map<CompiledRule, Integer> order = new IdentityHashMap<>();
    private final Map<String, CompiledRule[]> merged = new ConcurrentHashMap<>();
    private final Projection projection;
    private final RuleMatching matching;
    private final int lists;
    private final int macros;
    private final List<String> files;
    private final List<Issue> warnings;

    CompiledRuleset(List<CompiledRule> allRules, Priority minPriority, RuleMatching matching, int lists, int macros,
            List<String> files, List<Issue> warnings) {
        this.allRules = Collections.unmodifiableList(new ArrayList<>(allRules));
        this.matching = matching;
        this.lists = lists;
        this.macros = macros;
        this.files = Collections.unmodifiableList(new ArrayList<>(files));
        this.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
        List<CompiledRule> act = new ArrayList<>();
        List<String[]> reads = new ArrayList<>();
        for (CompiledRule r : allRules) {
            if (r.enabled() && r.priority().atLeast(minPriority)) {
                order.put(r, act.size());
                act.add(r);
                reads.addAll(r.reads());
            }
        }
        this.active = act.toArray(NONE);
        this.projection = Projection.of(reads);
        List<CompiledRule> any = new ArrayList<>();
        Map<String, List<CompiledRule>> names = new HashMap<>();
        Map<String, List<CompiledRule>> sources = new HashMap<>();
        for (CompiledRule r : act) {
            if (r.condition() == Logical.NEVER) {
                continue;
            }
            if (r.eventNames() != null) {
                r.eventNames().forEach(n -> names.computeIfAbsent(n, k -> new ArrayList<>()).add(r));
            } else if (r.eventSources() != null) {
                r.eventSources().forEach(s -> sources.computeIfAbsent(s, k -> new ArrayList<>()).add(r));
            } else {
                any.add(r);
            }
        }
        this.unconstrained = any.toArray(NONE);
        this.byName = new HashMap<>();
        names.forEach((n, rules) -> byName.put(n, sorted(rules, any)));
        this.bySource = new HashMap<>();
        sources.forEach((s, rules) -> bySource.put(s, sorted(rules, List.of())));
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

    /**
     * Evaluates a record given as JSON bytes. Its top-level members are located in one pass, and each is built only
     * when a candidate rule, or the output of a matching one, reads it. A malformed member that is read throws.
     */
    public List<Alert> evaluate(byte[] recordJson, long number) throws IOException {
        CloudTrailEvent event = CloudTrailEvent.read(recordJson, projection, number);
        try {
            return evaluate(event);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Evaluates one event. Returns the alerts in rule order; an empty list when nothing matched. */
    public List<Alert> evaluate(CloudTrailEvent event) {
        CompiledRule[] matched = match(event, candidates(event.text("eventName"), event.text("eventSource")));
        return matched == null ? Collections.emptyList() : alerts(matched, event);
    }

    /** The matching rules in order, null-terminated, or null when none matched. */
    private CompiledRule[] match(CloudTrailEvent event, CompiledRule[] candidates) {
        CompiledRule[] matched = null;
        int n = 0;
        for (CompiledRule r : candidates) {
            if (r.condition().test(event)) {
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

    private static List<Alert> alerts(CompiledRule[] matched, CloudTrailEvent event) {
        List<Alert> alerts = new ArrayList<>(matched.length);
        for (CompiledRule r : matched) {
            if (r == null) {
                break;
            }
            alerts.add(alert(r, event));
        }
        return alerts;
    }

    private CompiledRule[] candidates(String name, String source) {
        CompiledRule[] forName = name == null ? unconstrained : byName.getOrDefault(name, unconstrained);
        CompiledRule[] forSource = source == null ? null : bySource.get(source);
        if (forSource == null) {
            return forName;
        }
        String key = name + '\u0000' + source;
        CompiledRule[] m = merged.get(key);
        if (m == null) {
            m = sorted(Arrays.asList(forName), Arrays.asList(forSource));
            if (merged.size() < MAX_CACHED_PAIRS) {
                merged.put(key, m);
            }
        }
        return m;
    }

    private static Alert alert(CompiledRule r, CloudTrailEvent e) {
        Map<String, Object> fields = new TreeMap<>();
        r.output().collectFields(e, fields);
        String account = null;
        JsonNode identity = e.member("userIdentity");
        if (identity != null && identity.path("accountId").isTextual()) {
            account = identity.get("accountId").textValue();
        }
        if (e.text("recipientAccountId") != null) {
            account = e.text("recipientAccountId");
        }
        return new Alert(r.name(), r.priority(), r.source(), r.tags(), r.output().render(e), fields, e.timeNanos(),
                e.text("eventID"), account, e.text("awsRegion"));
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
