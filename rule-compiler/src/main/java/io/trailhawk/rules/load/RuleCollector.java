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
 * The cumulative result of reading rules files in order, with Falco's collector semantics, applied here and only
 * here: a redefinition replaces but keeps the first position, appends concatenate text, overrides append or
 * replace key by key. The item readers check an item and describe what it does; the collector does it.
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
    /** Whether the file being read is in shadow: every rule it defines is. */
    private boolean readingShadow;

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
        readingShadow = file.inShadow();
        new RuleFileReader(file, this, diag).read();
        readingShadow = false;
    }

    private int nextVisibility() {
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

    /** Defines a list, or redefines it in the position of its first definition. */
    void defineList(String name, SourceLocation at, List<String> items) {
        ListInfo prev = lists.get(name);
        if (prev != null) {
            prev.redefine(at, nextVisibility(), items);
        } else {
            lists.put(name, new ListInfo(name, nextVisibility(), at, items));
        }
    }

    void appendList(ListInfo l, List<String> items) {
        l.append(nextVisibility(), items);
    }

    /** Defines a macro, or redefines it in the position of its first definition. */
    void defineMacro(String name, SourceLocation at, PositionedText condition) {
        MacroInfo prev = macros.get(name);
        if (prev != null) {
            prev.redefine(at, nextVisibility(), condition);
        } else {
            macros.put(name, new MacroInfo(name, nextVisibility(), at, condition));
        }
    }

    void appendMacro(MacroInfo m, PositionedText condition) {
        m.append(nextVisibility(), condition);
    }

    /**
     * Defines a rule, or redefines it in the position of its first definition. The update gives every key the
     * definition sets.
     */
    void defineRule(String name, SourceLocation at, String source, RuleUpdate definition) {
        RuleInfo r = rules.get(name);
        if (r == null) {
            r = new RuleInfo(name, nextVisibility(), at);
            rules.put(name, r);
        } else {
            nextVisibility();
        }
        r.redefine(at, source);
        apply(r, definition);
        if (readingShadow) {
            r.setShadow(true);
        }
    }

    /** Appends to or replaces keys of a rule defined before. */
    void updateRule(RuleInfo r, RuleUpdate update) {
        nextVisibility();
        apply(r, update);
    }

    /** The deprecated enable-only item: it changes {@code enabled} and nothing else, visibility included. */
    void enableRule(RuleInfo r, boolean enabled) {
        r.setEnabled(enabled);
    }

    private static void apply(RuleInfo r, RuleUpdate u) {
        u.condition.ifPresent(c -> r.setCondition(c.appends() ? r.condition().append(" ", c.value) : c.value));
        u.output.ifPresent(c -> r.setOutput(c.appends() ? r.output().append(" ", c.value) : c.value.trim()));
        u.desc.ifPresent(c -> r.setDesc(c.appends() ? r.desc() + " " + c.value : c.value));
        u.priority.ifPresent(r::setPriority);
        u.tags.ifPresent(c -> {
            if (c.appends()) {
                r.addTags(c.value);
            } else {
                r.setTags(c.value);
            }
        });
        u.exceptions.ifPresent(c -> r.setExceptions(c.appends() ? mergedExceptions(r.exceptions(), c.value)
                : c.value));
        u.enabled.ifPresent(r::setEnabled);
        u.skipIfUnknownFilter.ifPresent(r::setSkipIfUnknownFilter);
        u.stateful.ifPresent(r::setStateful);
        u.alert.ifPresent(r::setAlert);
        u.shadow.ifPresent(r::setShadow);
    }

    /** Appended exceptions: a new name is added; an existing name gets the new values. */
    private static List<ExceptionInfo> mergedExceptions(List<ExceptionInfo> old, List<ExceptionInfo> more) {
        List<ExceptionInfo> list = new ArrayList<>(old);
        for (ExceptionInfo ex : more) {
            int found = -1;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).name().equals(ex.name())) {
                    found = i;
                }
            }
            if (found >= 0) {
                list.set(found, list.get(found).withMoreValues(ex.values()));
            } else {
                list.add(ex);
            }
        }
        return list;
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
