package io.trailhawk.rules;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable, thread-safe ruleset that turns CloudTrail events into alerts. Rules are indexed by the event
 * names their conditions require, so each event meets only the rules that can match it, in rule order.
 */
public final class CompiledRuleset {
    private static final CompiledRule[] NONE = new CompiledRule[0];

    private final List<CompiledRule> allRules;
    private final CompiledRule[] active;
    private final CompiledRule[] unconstrained;
    private final Map<String, CompiledRule[]> byEventName;
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
        for (CompiledRule r : allRules) {
            if (r.enabled() && r.priority().atLeast(minPriority)) {
                act.add(r);
            }
        }
        this.active = act.toArray(NONE);
        List<CompiledRule> any = new ArrayList<>();
        Map<String, List<CompiledRule>> named = new HashMap<>();
        for (CompiledRule r : act) {
            Set<String> names = r.eventNames();
            if (names == null) {
                any.add(r);
                for (List<CompiledRule> l : named.values()) {
                    l.add(r);
                }
            } else {
                for (String n : names) {
                    named.computeIfAbsent(n, k -> new ArrayList<>(any)).add(r);
                }
            }
        }
        this.unconstrained = any.toArray(NONE);
        Map<String, CompiledRule[]> idx = new HashMap<>();
        named.forEach((k, v) -> idx.put(k, v.toArray(NONE)));
        this.byEventName = idx;
    }

    /** Evaluates one event. Returns the alerts in rule order; an empty list when nothing matched. */
    public List<Alert> evaluate(CloudTrailEvent event) {
        String name = event.text("eventName");
        CompiledRule[] candidates = name == null ? unconstrained : byEventName.getOrDefault(name, unconstrained);
        List<Alert> alerts = null;
        for (CompiledRule r : candidates) {
            if (r.condition().test(event)) {
                if (alerts == null) {
                    alerts = new ArrayList<>(2);
                }
                alerts.add(alert(r, event));
                if (matching == RuleMatching.FIRST) {
                    break;
                }
            }
        }
        return alerts == null ? Collections.emptyList() : alerts;
    }

    private static Alert alert(CompiledRule r, CloudTrailEvent e) {
        Map<String, Object> fields = new TreeMap<>();
        r.output().collectFields(e, fields);
        String account = null;
        if (e.record().path("userIdentity").path("accountId").isTextual()) {
            account = e.record().path("userIdentity").path("accountId").textValue();
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

    /** The rules that evaluate events: enabled and at or above the priority threshold. */
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
}
