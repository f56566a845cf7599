package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * AWS accounts by id, with the name, environment and owner alerts give them. A document is a list of
 * {@code - account: "111122223333"} items with {@code name} (required), {@code environment} and {@code owner}; on the
 * control topic it is an {@code accounts/NAME} document, and several apply in the order of their names, a later
 * one's row for an account replacing an earlier one's. Immutable.
 */
public final class AccountTable {
    private static final Set<String> KEYS = Set.of("account", "name", "environment", "owner");
    /** Longer names would not fit the formats that carry them (ASFF keeps 2,048). */
    private static final int MAX_CHARS = 256;

    /** One account as alerts name it; each of name, environment and owner null when no table says. */
    public static final class Account {
        private final String id;
        private final String name;
        private final String environment;
        private final String owner;

        public Account(String id, String name, String environment, String owner) {
            this.id = id;
            this.name = name;
            this.environment = environment;
            this.owner = owner;
        }

        /** An account no table has a row for, or an alert without an account (id null). */
        public static Account unknown(String id) {
            return new Account(id, null, null, null);
        }

        public String id() {
            return id;
        }

        public String name() {
            return name;
        }

        public String environment() {
            return environment;
        }

        public String owner() {
            return owner;
        }
    }

    public static final AccountTable EMPTY = new AccountTable(Map.of());

    private final Map<String, Account> byId;

    private AccountTable(Map<String, Account> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /** The account {@code id} as the table names it; {@link Account#unknown} when it has no row. */
    public Account get(String id) {
        Account a = id == null ? null : byId.get(id);
        return a != null ? a : Account.unknown(id);
    }

    public boolean knows(String id) {
        return id != null && byId.containsKey(id);
    }

    public int size() {
        return byId.size();
    }

    /** This table's rows, then {@code later}'s, which replace this one's for the same account. */
    public AccountTable then(AccountTable later) {
        Map<String, Account> all = new LinkedHashMap<>(byId);
        all.putAll(later.byId);
        return new AccountTable(all);
    }

    /**
     * Reads a table. Every problem is an error in {@code diag} at its {@code FILE:LINE:COL}, and a table with
     * errors must not be used; an account listed twice in one document is one.
     */
    public static AccountTable read(RulesFile file, RuleLimits limits, Diagnostics diag) {
        YamlSource yaml = new YamlSource(file);
        List<Node> documents = BoundedYaml.documents(file, limits, yaml, diag);
        if (documents == null) {
            return EMPTY;
        }
        Map<String, Account> out = new LinkedHashMap<>();
        for (Node doc : documents) {
            if (doc == null || ItemFields.isNull(doc)) {
                continue;
            }
            if (!(doc instanceof SequenceNode)) {
                diag.error(yaml.at(doc), null, "an account table is a list of account items");
                continue;
            }
            for (Node item : ((SequenceNode) doc).getValue()) {
                row(item, yaml, diag, out);
            }
        }
        return new AccountTable(out);
    }

    private static void row(Node item, YamlSource yaml, Diagnostics diag, Map<String, Account> out) {
        if (!(item instanceof MappingNode)) {
            diag.error(yaml.at(item), null, "an item is a mapping with account, name, environment and owner");
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Node> at = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) item).getValue()) {
            String key = ItemFields.scalar(t.getKeyNode());
            if (key == null || !KEYS.contains(key)) {
                diag.error(yaml.at(t.getKeyNode()), null, "an account item takes account, name, environment and "
                        + "owner, not '" + key + "'");
                return;
            }
            String v = ItemFields.scalar(t.getValueNode());
            if (v == null || v.isBlank() || v.length() > MAX_CHARS) {
                diag.error(yaml.at(t.getValueNode()), null, key + ": takes a text of 1 to " + MAX_CHARS + " characters");
                return;
            }
            if (values.put(key, v) != null) {
                diag.error(yaml.at(t.getKeyNode()), null, key + " is given twice in this item");
                return;
            }
            at.put(key, t.getValueNode());
        }
        String id = values.get("account");
        if (id == null || !id.matches("[0-9]{12}")) {
            diag.error(id == null ? yaml.at(item) : yaml.at(at.get("account")), null, id == null
                    ? "an account item needs account: its 12-digit id"
                    : "account: '" + id + "' is not a 12-digit AWS account id (quote it, so that YAML keeps its "
                            + "leading zeros)");
            return;
        }
        if (values.get("name") == null) {
            diag.error(yaml.at(item), null, "account " + id + " needs a name");
            return;
        }
        if (out.containsKey(id)) {
            diag.error(yaml.at(item), null, "account " + id + " is listed twice");
            return;
        }
        out.put(id, new Account(id, values.get("name"), values.get("environment"), values.get("owner")));
    }
}
