package io.trailhawk.cli;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.load.RuleSelection;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code trailhawk validate [--rules PATH]...}: load and compile, report, and exit 0 only when valid. */
final class ValidateCommand {
    static final String USAGE = "trailhawk validate [--rules PATH]... [--selection FILE]...";

    private ValidateCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws UsageException {
        Arguments args = Arguments.parse(argv, Set.of("rules", "selection"), Set.of());
        if (!args.positional().isEmpty()) {
            throw new UsageException("validate takes no positional arguments; use --rules PATH");
        }
        // Validation output is the report itself, so findings go to stdout with the summary.
        RuleSelection selection = RulesOption.selection(args, out);
        if (selection == null) {
            return 1;
        }
        CompiledRuleset r = RulesOption.compile(RuleCompiler.builder().setSelection(selection).build(),
                RulesOption.paths(args), out);
        if (r == null) {
            return 1;
        }
        out.println("loaded " + r.ruleCount() + " rules, " + r.listCount() + " lists, " + r.macroCount()
                + " macros from " + r.files().size() + " files");
        return 0;
    }
}
