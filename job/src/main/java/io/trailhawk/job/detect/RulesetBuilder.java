package io.trailhawk.job.detect;

import io.trailhawk.control.DocumentKind;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.load.RuleLimits;
import io.trailhawk.rules.RuleMatching;
import io.trailhawk.rules.RuleValidationException;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.diag.SourceLocation;
import io.trailhawk.rules.load.AccountTable;
import io.trailhawk.rules.load.RuleSelection;
import io.trailhawk.rules.load.RulesFile;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the effective ruleset: bootstrap files overlaid by control-topic documents, ordered by key. Rule files
 * (some in shadow) are compiled with the selections applied in key order, then the promotions take their rules out
 * of shadow. A pure function of its inputs, so every parallel instance that sees the same updates builds the same
 * ruleset.
 */
public final class RulesetBuilder implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RulesetBuilder.class);

    private final TreeMap<String, String> bootstrap;
    private final RuleMatching matching;
    private final Priority minPriority;
    private final RuleLimits limits;
    /** Whether alerts carry their events' facts, for routes in formats other than Falco JSON. */
    private final boolean eventFacts;

    public RulesetBuilder(Map<String, String> bootstrap, RuleMatching matching, Priority minPriority,
            RuleLimits limits) {
        this(bootstrap, matching, minPriority, limits, false);
    }

    public RulesetBuilder(Map<String, String> bootstrap, RuleMatching matching, Priority minPriority,
            RuleLimits limits, boolean eventFacts) {
        this.bootstrap = new TreeMap<>(bootstrap);
        this.matching = matching;
        this.minPriority = minPriority;
        this.limits = limits;
        this.eventFacts = eventFacts;
    }

    /** The result of one build: a ruleset, or the issues that rejected it. */
    public static final class Outcome {
        public final CompiledRuleset ruleset;
        public final List<Issue> issues;
        public final List<String> files;
        public final String sha256;
        /** Each file's name, in order, with the SHA-256 of its content (hex). */
        public final Map<String, String> fileSha256;
        /** The accounts the {@code accounts/} documents name; empty when the ruleset was rejected. */
        public final AccountTable accounts;

        Outcome(CompiledRuleset ruleset, List<Issue> issues, List<String> files, String sha256,
                Map<String, String> fileSha256) {
            this(ruleset, issues, files, sha256, fileSha256, AccountTable.EMPTY);
        }

        Outcome(CompiledRuleset ruleset, List<Issue> issues, List<String> files, String sha256,
                Map<String, String> fileSha256, AccountTable accounts) {
            this.accounts = accounts;
            this.ruleset = ruleset;
            this.issues = Collections.unmodifiableList(issues);
            this.files = Collections.unmodifiableList(files);
            this.sha256 = sha256;
            this.fileSha256 = Collections.unmodifiableMap(fileSha256);
        }

        public boolean activated() {
            return ruleset != null;
        }
    }

    /**
     * {@code overlay}: file name to YAML, or to null for a file deleted on the control topic. {@code hostname}: what
     * {@code evt.hostname} gives.
     */
    public Outcome build(Map<String, String> overlay, String hostname) {
        return build(overlay, Set.of(), hostname);
    }

    /**
     * {@code overlay}: record key to text, or to null for a document deleted on the control topic;
     * {@code shadowFiles}: the rule files put in shadow.
     */
    public Outcome build(Map<String, String> overlay, Set<String> shadowFiles, String hostname) {
        TreeMap<String, String> effective = effective(overlay);
        List<String> names = new ArrayList<>(effective.keySet());
        String sha = sha256(effective, shadowFiles);
        Map<String, String> fileSha = fileSha256(effective);
        List<RulesFile> files = new ArrayList<>();
        RuleSelection selection = RuleSelection.NONE;
        AccountTable accounts = AccountTable.EMPTY;
        try {
            RuleCompiler.Builder compiler = RuleCompiler.builder().setRuleMatching(matching)
                    .setMinPriority(minPriority).setLimits(limits).setHostname(hostname).setEventFacts(eventFacts);
            for (Map.Entry<String, String> e : effective.entrySet()) {
                DocumentKind kind = DocumentKind.ofKey(e.getKey());
                if (kind == DocumentKind.RULES) {
                    RulesFile f = RulesFile.of(e.getKey(), e.getValue());
                    files.add(shadowFiles.contains(e.getKey()) ? f.asShadow() : f);
                } else if (kind == DocumentKind.SELECTION) {
                    selection = selection.then(compiler.build().readSelection(RulesFile.of(e.getKey(), e.getValue())));
                } else if (kind == DocumentKind.ACCOUNTS) {
                    accounts = accounts.then(compiler.build().readAccounts(RulesFile.of(e.getKey(), e.getValue())));
                }
            }
            CompiledRuleset r = compiler.setSelection(selection).build().compile(files);
            return promoted(r, effective, names, sha, fileSha, accounts);
        } catch (RuleValidationException e) {
            return new Outcome(null, e.issues(), names, sha, fileSha);
        } catch (RuntimeException e) {
            // A compiler defect must cost one update, not the job: failing here would restart the job into the same
            // control record, and detection would stay down until someone removed it from the topic.
            LOG.error("compiling the ruleset failed unexpectedly; the update is rejected", e);
            String file = names.isEmpty() ? "<none>" : names.get(names.size() - 1);
            return new Outcome(null, List.of(Issue.error(SourceLocation.of(file, 1, 1), null,
                    "internal error while compiling the ruleset: " + e)), names, sha, fileSha);
        }
    }

    /**
     * What {@link #build} gives when only promotions differ from {@code current}'s: its compiled rules, with the
     * promotions in {@code overlay} applied, and nothing compiled again.
     */
    public Outcome withPromotions(Outcome current, Map<String, String> overlay, Set<String> shadowFiles) {
        TreeMap<String, String> effective = effective(overlay);
        return promoted(current.ruleset, effective, new ArrayList<>(effective.keySet()),
                sha256(effective, shadowFiles), fileSha256(effective), current.accounts);
    }

    /** The text the bootstrap gives a key, or null when it gives none. */
    public String bootstrapText(String key) {
        return bootstrap.get(key);
    }

    private TreeMap<String, String> effective(Map<String, String> overlay) {
        TreeMap<String, String> effective = new TreeMap<>(bootstrap);
        overlay.forEach((name, yaml) -> {
            if (yaml == null) {
                effective.remove(name);
            } else {
                effective.put(name, yaml);
            }
        });
        return effective;
    }

    /** {@code compiled} with the promotions among the documents; a promotion of no rule in shadow is a warning. */
    private static Outcome promoted(CompiledRuleset compiled, Map<String, String> effective, List<String> names,
            String sha, Map<String, String> fileSha, AccountTable accounts) {
        Set<String> promoted = new TreeSet<>();
        List<Issue> issues = new ArrayList<>(compiled.warnings());
        Set<String> inShadow = new HashSet<>();
        compiled.rules().forEach(r -> {
            if (r.shadow()) {
                inShadow.add(r.name());
            }
        });
        for (String key : effective.keySet()) {
            if (DocumentKind.ofKey(key) == DocumentKind.PROMOTION) {
                String rule = DocumentKind.PROMOTION.nameOf(key);
                promoted.add(rule);
                if (!inShadow.contains(rule)) {
                    issues.add(Issue.warning(SourceLocation.of(key, 1, 1), null, "promotes '" + rule
                            + "', which is no rule in shadow: it changes nothing"));
                }
            }
        }
        return new Outcome(compiled.withPromoted(promoted), issues, names, sha, fileSha, accounts);
    }

    private static Map<String, String> fileSha256(Map<String, String> effective) {
        Map<String, String> fileSha = new LinkedHashMap<>();
        effective.forEach((name, yaml) -> fileSha.put(name, sha256(yaml)));
        return fileSha;
    }

    /** The hex SHA-256 of a document's UTF-8 text: its identity in status records and in the history. */
    static String sha256(String text) {
        return hex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Of every document's key, content and whether it is in shadow, in key order: the ruleset's identity in status
     * records.
     */
    private static String sha256(Map<String, String> files, Set<String> shadowFiles) {
        MessageDigest d = digest();
        files.forEach((name, yaml) -> {
            d.update(name.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(yaml.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            if (shadowFiles.contains(name)) {
                // After the terminator, so that no file without the mark has the same bytes.
                d.update("shadow".getBytes(StandardCharsets.US_ASCII));
                d.update((byte) 0);
            }
        });
        return hex(d.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] digest) {
        StringBuilder sb = new StringBuilder();
        for (byte b : digest) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
