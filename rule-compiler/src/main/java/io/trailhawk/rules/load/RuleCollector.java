package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.SourceLocation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cumulative result of reading rules files in order, with Falco's collector semantics: a redefinition replaces
 * but keeps the first position, appends concatenate text, overrides append or replace key by key.
 */
public final class RuleCollector {
    /** The Falco rules engine version whose language this engine reads. */
    public static final String ENGINE_VERSION = "0.63.0";

    /** The plugins this engine stands in for, and the versions whose fields it implements. */
    static final Map<String, String> PLUGINS = Map.of("cloudtrail", "0.17.1", "json", "0.7.4");

    private final Map<String, ListInfo> lists = new LinkedHashMap<>();
    private final Map<String, MacroInfo> macros = new LinkedHashMap<>();
    private final Map<String, RuleInfo> rules = new LinkedHashMap<>();
    private final List<PluginRequirement> pluginRequirements = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final RuleLimits limits;
    private int counter;
    private int items;

    public RuleCollector() {
        this(RuleLimits.defaults());
    }

    public RuleCollector(RuleLimits limits) {
        this.limits = limits;
    }

    RuleLimits limits() {
        return limits;
    }

    /** Counts one more top-level item; false once the ruleset holds more than the limit allows. */
    boolean countItem() {
        return ++items <= limits.items();
    }

    /** Reads one file into the collected state. Problems go to {@code diag}. */
    public void read(RulesFile file, Diagnostics diag) {
        files.add(file.name());
        new RuleFileReader(file, this, diag).read();
    }

    int nextVisibility() {
        return counter++;
    }

    ListInfo list(String name) {
        return lists.get(name);
    }

    MacroInfo macro(String name) {
        return macros.get(name);
    }

    RuleInfo rule(String name) {
        return rules.get(name);
    }

    ListInfo newList(String name, SourceLocation at, List<String> items) {
        ListInfo l = new ListInfo(name, nextVisibility(), at, items);
        lists.put(name, l);
        return l;
    }

    MacroInfo newMacro(String name, SourceLocation at, PositionedText condition) {
        MacroInfo m = new MacroInfo(name, nextVisibility(), at, condition);
        macros.put(name, m);
        return m;
    }

    RuleInfo newRule(String name, SourceLocation at) {
        RuleInfo r = new RuleInfo(name, nextVisibility(), at);
        rules.put(name, r);
        return r;
    }

    void requirePlugins(PluginRequirement r) {
        pluginRequirements.add(r);
    }

    /** Runs after every file is read, like Falco's plugin version check. */
    public void checkPluginRequirements(Diagnostics diag) {
        for (PluginRequirement req : pluginRequirements) {
            boolean ok = false;
            String incompatible = null;
            StringBuilder names = new StringBuilder();
            for (String[] alt : req.alternatives) {
                String have = PLUGINS.get(alt[0]);
                Semver need = Semver.parse(alt[1]);
                if (have != null && need != null && Semver.parse(have).satisfies(need)) {
                    ok = true;
                } else if (have != null && incompatible == null) {
                    incompatible = "Plugin '" + alt[0] + "' version '" + have + "' is not compatible with required "
                            + "plugin version '" + alt[1] + "'";
                }
                names.append(names.length() == 0 ? "" : ", ").append(alt[0]).append(" (>= ").append(alt[1]).append(')');
            }
            if (!ok) {
                // As Falco: a plugin that is there in another version is named; otherwise every alternative is.
                diag.error(req.location, null, incompatible != null ? incompatible
                        : "Plugin requirement not satisfied, must load one of: " + names);
            }
        }
    }

    public Collection<ListInfo> lists() {
        return Collections.unmodifiableCollection(lists.values());
    }

    public Collection<MacroInfo> macros() {
        return Collections.unmodifiableCollection(macros.values());
    }

    /** Rules in evaluation order: the position of each rule's first definition. */
    public Collection<RuleInfo> rules() {
        return Collections.unmodifiableCollection(rules.values());
    }

    public List<String> files() {
        return Collections.unmodifiableList(files);
    }
}
