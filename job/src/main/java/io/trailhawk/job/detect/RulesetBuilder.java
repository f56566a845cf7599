package io.trailhawk.job.detect;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.load.RuleLimits;
import io.trailhawk.rules.RuleMatching;
import io.trailhawk.rules.RuleValidationException;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.diag.SourceLocation;
import io.trailhawk.rules.load.RulesFile;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the effective ruleset: bootstrap files overlaid by control-topic files, ordered by name. A pure function
 * of its inputs, so every parallel instance that sees the same updates builds the same ruleset.
 */
public final class RulesetBuilder implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RulesetBuilder.class);

    private final TreeMap<String, String> bootstrap;
    private final RuleMatching matching;
    private final Priority minPriority;
    private final RuleLimits limits;

    public RulesetBuilder(Map<String, String> bootstrap, RuleMatching matching, Priority minPriority,
            RuleLimits limits) {
        this.bootstrap = new TreeMap<>(bootstrap);
        this.matching = matching;
        this.minPriority = minPriority;
        this.limits = limits;
    }

    /** The result of one build: a ruleset, or the issues that rejected it. */
    public static final class Outcome {
        public final CompiledRuleset ruleset;
        public final List<Issue> issues;
        public final List<String> files;
        public final String sha256;
        /** Each file's name, in order, with the SHA-256 of its content (hex). */
        public final Map<String, String> fileSha256;

        Outcome(CompiledRuleset ruleset, List<Issue> issues, List<String> files, String sha256,
                Map<String, String> fileSha256) {
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
        TreeMap<String, String> effective = new TreeMap<>(bootstrap);
        overlay.forEach((name, yaml) -> {
            if (yaml == null) {
                effective.remove(name);
            } else {
                effective.put(name, yaml);
            }
        });
        List<RulesFile> files = new ArrayList<>();
        effective.forEach((name, yaml) -> files.add(RulesFile.of(name, yaml)));
        List<String> names = new ArrayList<>(effective.keySet());
        String sha = sha256(effective);
        Map<String, String> fileSha = new LinkedHashMap<>();
        effective.forEach((name, yaml) -> fileSha.put(name, hex(digest().digest(yaml.getBytes(StandardCharsets.UTF_8)))));
        try {
            CompiledRuleset r = RuleCompiler.builder().setRuleMatching(matching).setMinPriority(minPriority)
                    .setLimits(limits).setHostname(hostname).build().compile(files);
            return new Outcome(r, r.warnings(), names, sha, fileSha);
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

    /** Of every file's name and content, in name order: the ruleset's identity in status records. */
    private static String sha256(Map<String, String> files) {
        MessageDigest d = digest();
        files.forEach((name, yaml) -> {
            d.update(name.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(yaml.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
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
