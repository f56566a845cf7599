package io.trailhawk.rules.load;

/**
 * Bounds on what one ruleset may ask of the compiler, so that a hostile or broken file is rejected with a located
 * error instead of exhausting the stack, the heap or the time of the process that compiles it. Every bound is
 * checked before the work it protects, never by catching the failure afterwards.
 */
public final class RuleLimits implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_FILE_CHARS = 4 * 1024 * 1024;
    public static final int DEFAULT_YAML_DEPTH = 64;
    public static final int DEFAULT_YAML_ALIASES = 50;
    public static final int DEFAULT_ITEMS = 10_000;
    public static final int DEFAULT_LIST_ITEMS = 100_000;
    public static final int DEFAULT_CONDITION_NODES = 100_000;
    /** Falco's own parser depth limit; it also bounds a condition's depth once its macros are expanded. */
    public static final int CONDITION_DEPTH = io.trailhawk.rules.parse.ConditionParser.MAX_DEPTH;

    private static final RuleLimits DEFAULTS = new RuleLimits(DEFAULT_FILE_CHARS, DEFAULT_YAML_DEPTH,
            DEFAULT_YAML_ALIASES, DEFAULT_ITEMS, DEFAULT_LIST_ITEMS, DEFAULT_CONDITION_NODES);

    private final int fileChars;
    private final int yamlDepth;
    private final int yamlAliases;
    private final int items;
    private final int listItems;
    private final int conditionNodes;

    private RuleLimits(int fileChars, int yamlDepth, int yamlAliases, int items, int listItems, int conditionNodes) {
        this.fileChars = positive(fileChars, "fileChars");
        this.yamlDepth = positive(yamlDepth, "yamlDepth");
        this.yamlAliases = atLeastZero(yamlAliases, "yamlAliases");
        this.items = positive(items, "items");
        this.listItems = positive(listItems, "listItems");
        this.conditionNodes = positive(conditionNodes, "conditionNodes");
    }

    public static RuleLimits defaults() {
        return DEFAULTS;
    }

    /** Characters in one rules file. */
    public int fileChars() {
        return fileChars;
    }

    /** Nesting of YAML collections in one file. */
    public int yamlDepth() {
        return yamlDepth;
    }

    /** YAML aliases ({@code *name}) in one file. */
    public int yamlAliases() {
        return yamlAliases;
    }

    /** Lists, macros and rules items (appends included) across the whole ruleset. */
    public int items() {
        return items;
    }

    /** Items of one list once the lists it names are expanded into it. */
    public int listItems() {
        return listItems;
    }

    /** Nodes of one rule's condition once its macros are expanded. */
    public int conditionNodes() {
        return conditionNodes;
    }

    public RuleLimits withFileChars(int v) {
        return new RuleLimits(v, yamlDepth, yamlAliases, items, listItems, conditionNodes);
    }

    public RuleLimits withYamlDepth(int v) {
        return new RuleLimits(fileChars, v, yamlAliases, items, listItems, conditionNodes);
    }

    public RuleLimits withYamlAliases(int v) {
        return new RuleLimits(fileChars, yamlDepth, v, items, listItems, conditionNodes);
    }

    public RuleLimits withItems(int v) {
        return new RuleLimits(fileChars, yamlDepth, yamlAliases, v, listItems, conditionNodes);
    }

    public RuleLimits withListItems(int v) {
        return new RuleLimits(fileChars, yamlDepth, yamlAliases, items, v, conditionNodes);
    }

    public RuleLimits withConditionNodes(int v) {
        return new RuleLimits(fileChars, yamlDepth, yamlAliases, items, listItems, v);
    }

    private static int positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
        return v;
    }

    private static int atLeastZero(int v, String name) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + v);
        }
        return v;
    }

    @Override
    public String toString() {
        return "RuleLimits{fileChars=" + fileChars + ", yamlDepth=" + yamlDepth + ", yamlAliases=" + yamlAliases
                + ", items=" + items + ", listItems=" + listItems + ", conditionNodes=" + conditionNodes + "}";
    }
}
