package io.trailhawk.rules;

import io.trailhawk.rules.compile.CompiledRule;
import io.trailhawk.rules.compile.CompiledRules;
import io.trailhawk.rules.compile.RulesetCompiler;
import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.diag.SourceLocation;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.load.AccountTable;
import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.load.RuleCollector;
import io.trailhawk.rules.load.RuleLimits;
import io.trailhawk.rules.load.RuleSelection;
import io.trailhawk.rules.load.RulesFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Loads and compiles Falco rules files into a {@link CompiledRuleset}. Files are read in order into one cumulative
 * collection; after each file everything collected so far is compiled, as Falco does, so a file that breaks the
 * ruleset is named. Any error rejects the whole ruleset.
 */
public final class RuleCompiler {
    private final Priority minPriority;
    private final RuleMatching matching;
    /** Room for about 100,000 frames: a condition at the depth limit needs a few per level. */
    private static final long STACK_BYTES = 16L << 20;

    private final RuleLimits limits;
    private final FieldRegistry registry;
    private final RuleSelection selection;
    private final boolean keepFacts;

    private RuleCompiler(Builder b) {
        this.minPriority = b.minPriority;
        this.matching = b.matching;
        this.limits = b.limits;
        this.selection = b.selection;
        this.keepFacts = b.keepFacts;
        this.registry = FieldRegistry.standard(b.hostname);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Priority minPriority = Priority.DEBUG;
        private RuleMatching matching = RuleMatching.ALL;
        private RuleLimits limits = RuleLimits.defaults();
        private String hostname = FieldRegistry.DEFAULT_HOSTNAME;
        private RuleSelection selection = RuleSelection.NONE;
        private boolean keepFacts;

        private Builder() {
        }

        /**
         * Whether alerts carry their event's {@link io.trailhawk.rules.output.EventFacts}, which alert formats other
         * than Falco JSON need. Default: false, which reads nothing more from each record.
         */
        public Builder setEventFacts(boolean keep) {
            this.keepFacts = keep;
            return this;
        }

        /** Rules turned on and off over what their files say, as Falco's {@code rules:} selection. Default: none. */
        public Builder setSelection(RuleSelection s) {
            this.selection = Objects.requireNonNull(s);
            return this;
        }

        /**
         * The host that evaluates the rules, which {@code evt.hostname} gives. Default:
         * {@link FieldRegistry#DEFAULT_HOSTNAME}; the job and the command line set theirs.
         */
        public Builder setHostname(String h) {
            this.hostname = Objects.requireNonNull(h);
            return this;
        }

        /** Bounds that a ruleset must stay within to be compiled. Default: {@link RuleLimits#defaults()}. */
        public Builder setLimits(RuleLimits l) {
            this.limits = Objects.requireNonNull(l);
            return this;
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

    /**
     * Compiles on a thread of the compiler's own, whose stack fits the deepest condition {@link RuleLimits} admits,
     * so that the result does not depend on the caller's stack size (a Flink task thread's, say).
     */
    public CompiledRuleset compile(List<RulesFile> files) throws RuleValidationException {
        FutureTask<CompiledRuleset> task = new FutureTask<>(() -> compileHere(files));
        Thread worker = new Thread(null, task, "trailhawk-rule-compiler", STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling rules", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuleValidationException) {
                throw (RuleValidationException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** A selection document ({@link RuleSelection}) read within this compiler's limits; errors reject it whole. */
    public RuleSelection readSelection(RulesFile file) throws RuleValidationException {
        Diagnostics diag = new Diagnostics();
        RuleSelection s = RuleSelection.read(file, limits, diag);
        if (diag.hasErrors()) {
            throw new RuleValidationException(diag.all());
        }
        return s;
    }

    /** An account table ({@link AccountTable}) read within this compiler's limits; errors reject it whole. */
    public AccountTable readAccounts(RulesFile file) throws RuleValidationException {
        Diagnostics diag = new Diagnostics();
        AccountTable t = AccountTable.read(file, limits, diag);
        if (diag.hasErrors()) {
            throw new RuleValidationException(diag.all());
        }
        return t;
    }

    /** The rules as the selection turns them on and off; an entry that picks no rule is a warning. */
    private List<CompiledRule> select(List<CompiledRule> rules, Diagnostics diag) {
        if (selection.entries().isEmpty()) {
            return rules;
        }
        List<CompiledRule> out = new ArrayList<>(rules.size());
        for (CompiledRule r : rules) {
            out.add(r.withEnabled(selection.enabled(r.name(), r.tags(), r.enabled())));
        }
        for (RuleSelection.Entry e : selection.entries()) {
            if (rules.stream().noneMatch(r -> e.picks(r.name(), r.tags()))) {
                diag.warning(e.location(), null, "this selection entry (" + e + ") picks no rule");
            }
        }
        return out;
    }

    private CompiledRuleset compileHere(List<RulesFile> files) throws RuleValidationException {
        Diagnostics diag = new Diagnostics();
        RuleCollector collector = new RuleCollector(limits);
        RulesetCompiler compiler = new RulesetCompiler(registry, limits);
        String current = files.isEmpty() ? "<none>" : files.get(0).name();
        try {
            for (RulesFile f : files) {
                current = f.name();
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
            List<CompiledRule> selected = select(rules.rules(), diag);
            List<Issue> warnings = diag.warnings();
            return new CompiledRuleset(selected, minPriority, matching, collector.lists().size(),
                    collector.macros().size(), collector.files(), warnings, keepFacts);
        } catch (StackOverflowError e) {
            // The limits are meant to make this unreachable; if some shape still slips past them, the caller gets
            // a rejection it can report instead of an error that takes its thread down.
            diag.error(SourceLocation.of(current, 1, 1), null, "the ruleset nests too deeply to compile on this "
                    + "thread's stack");
            throw new RuleValidationException(diag.all());
        }
    }
}
