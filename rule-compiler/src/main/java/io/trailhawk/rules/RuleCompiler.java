package io.trailhawk.rules;

import io.trailhawk.rules.compile.CompiledRules;
import io.trailhawk.rules.compile.RulesetCompiler;
import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.load.RuleCollector;
import io.trailhawk.rules.load.RulesFile;
import java.util.List;
import java.util.Objects;

/**
 * Loads and compiles Falco rules files into a {@link CompiledRuleset}. Files are read in order into one cumulative
 * collection; after each file everything collected so far is compiled, as Falco does, so a file that breaks the
 * ruleset is named. Any error rejects the whole ruleset.
 */
public final class RuleCompiler {
    private final Priority minPriority;
    private final RuleMatching matching;
    private final FieldRegistry registry;

    private RuleCompiler(Builder b) {
        this.minPriority = b.minPriority;
        this.matching = b.matching;
        this.registry = FieldRegistry.standard();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Priority minPriority = Priority.DEBUG;
        private RuleMatching matching = RuleMatching.ALL;

        private Builder() {
        }

        /** Rules less severe than this are loaded but not evaluated. Default: Debug (everything). */
        public Builder setMinPriority(Priority p) {
            this.minPriority = Objects.requireNonNull(p);
            return this;
        }

        public Builder setRuleMatching(RuleMatching m) {
            this.matching = Objects.requireNonNull(m);
            return this;
        }

        public RuleCompiler build() {
            return new RuleCompiler(this);
        }
    }

    public CompiledRuleset compile(List<RulesFile> files) throws RuleValidationException {
        Diagnostics diag = new Diagnostics();
        RuleCollector collector = new RuleCollector();
        RulesetCompiler compiler = new RulesetCompiler(registry);
        for (RulesFile f : files) {
            collector.read(f, diag);
            if (diag.hasErrors()) {
                throw new RuleValidationException(diag.all());
            }
            Diagnostics pass = new Diagnostics();
            compiler.compile(collector, pass, false);
            if (pass.hasErrors()) {
                pass.errors().forEach(diag::add);
                throw new RuleValidationException(diag.all());
            }
        }
        collector.checkPluginRequirements(diag);
        CompiledRules rules = compiler.compile(collector, diag, true);
        if (diag.hasErrors()) {
            throw new RuleValidationException(diag.all());
        }
        List<Issue> warnings = diag.warnings();
        return new CompiledRuleset(rules.rules(), minPriority, matching, collector.lists().size(),
                collector.macros().size(), collector.files(), warnings);
    }
}
