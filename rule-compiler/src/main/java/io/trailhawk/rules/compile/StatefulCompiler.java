package io.trailhawk.rules.compile;

import io.trailhawk.rules.compile.ValueCompiler.Value;
import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.field.Extractor;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.load.RuleInfo;
import io.trailhawk.rules.load.StatefulClause;
import io.trailhawk.rules.parse.ConditionParser;
import io.trailhawk.rules.parse.ValueAccess;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles a rule's stateful key: each {@code by} field and {@code field} is read as in a condition (a field, with
 * its argument, or a transformer), and a sequence's steps must name other rules that are not sequences. Errors are
 * at the name they are about.
 */
final class StatefulCompiler {
    private final FieldRegistry registry;

    StatefulCompiler(FieldRegistry registry) {
        this.registry = registry;
    }

    /**
     * The spec, or empty after reporting why not. {@code rules}: every rule collected, by name; while
     * {@code rulesComplete} is false, later files may still define a step, so a missing one is not an error yet.
     */
    Optional<StatefulSpec> compile(RuleInfo rule, StatefulClause clause, String conditionText,
            Map<String, RuleInfo> rules, boolean rulesComplete, Diagnostics diag, Diagnostics warnings,
            List<String[]> reads) {
        String label = "rule '" + rule.name() + "'";
        boolean ok = true;
        List<String> byNames = new ArrayList<>();
        List<Extractor> by = new ArrayList<>();
        for (StatefulClause.Name n : clause.by()) {
            Optional<Extractor> x = extractor(n, label, diag, reads);
            ok &= x.isPresent();
            x.ifPresent(by::add);
            byNames.add(n.text());
        }
        Extractor field = null;
        String fieldName = null;
        if (clause.kind() == StatefulClause.Kind.DISTINCT || clause.kind() == StatefulClause.Kind.FIRST_SEEN) {
            Optional<Extractor> x = extractor(clause.field(), label, diag, reads);
            ok &= x.isPresent();
            field = x.orElse(null);
            fieldName = clause.field().text();
        }
        List<String> steps = new ArrayList<>();
        for (StatefulClause.Name step : clause.steps()) {
            RuleInfo target = rules.get(step.text());
            if (step.text().equals(rule.name())) {
                diag.error(step.at(), label, "a sequence cannot be a step of itself");
                ok = false;
            } else if (target == null) {
                if (rulesComplete) {
                    diag.error(step.at(), label, "sequence step '" + step.text() + "' is not a rule");
                }
                ok = false;
            } else if (target.stateful().filter(c -> c.kind() == StatefulClause.Kind.SEQUENCE).isPresent()) {
                diag.error(step.at(), label, "sequence step '" + step.text() + "' is a sequence itself; steps are "
                        + "rules that match one event");
                ok = false;
            } else if (!target.enabled()) {
                warnings.warning(step.at(), label, "sequence step '" + step.text() + "' is disabled, so the "
                        + "sequence cannot complete");
            }
            steps.add(step.text());
        }
        if (!ok) {
            return Optional.empty();
        }
        long fingerprint = fingerprint(rule.name(), conditionText, clause, byNames, fieldName, steps);
        long scope = hash64("group\u0000" + String.join("\u0001", byNames));
        return Optional.of(new StatefulSpec(clause.kind(), byNames, by, fieldName, field, clause.windowNanos(),
                clause.learnNanos(), clause.count(), steps, fingerprint, scope));
    }

    private Optional<Extractor> extractor(StatefulClause.Name name, String label, Diagnostics diag,
            List<String[]> reads) {
        Optional<ValueAccess> access = ConditionParser.parseValueAccess(name.text());
        if (access.isEmpty()) {
            diag.error(name.at(), label, "'" + name.text() + "' is not a field");
            return Optional.empty();
        }
        try {
            Value v = new ValueCompiler(registry, reads).value(access.get());
            return Optional.of(v.extractor);
        } catch (CompileError e) {
            diag.error(name.at(), label, e.getMessage());
            return Optional.empty();
        }
    }

    private static long fingerprint(String name, String conditionText, StatefulClause c, List<String> by,
            String field, List<String> steps) {
        return hash64(String.join("\u0000", name, conditionText, c.kind().key(), String.join("\u0001", by),
                String.valueOf(field), Long.toString(c.windowNanos()), Long.toString(c.learnNanos()),
                Integer.toString(c.count()), String.join("\u0001", steps)));
    }

    /** The first 64 bits of the SHA-256 of {@code text}: stable across processes and releases, as savepoints need. */
    private static long hash64(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long f = 0;
            for (int i = 0; i < 8; i++) {
                f = f << 8 | (d[i] & 0xFF);
            }
            return f;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
