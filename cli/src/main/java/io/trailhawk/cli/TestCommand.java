package io.trailhawk.cli;

import io.trailhawk.cli.ruletest.RuleTestCase;
import io.trailhawk.cli.ruletest.RuleTestFiles;
import io.trailhawk.cli.ruletest.RuleTestRunner;
import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code trailhawk test}: runs rule test cases and prints {@code N passed, N failed}. */
final class TestCommand {
    static final String USAGE = "trailhawk test [--rules PATH]... [--require-coverage] [TESTS...]";

    private TestCommand() {
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) throws UsageException {
        Arguments args = Arguments.parse(argv, Set.of("rules"), Set.of("require-coverage"));
        List<Path> rulePaths = RulesOption.paths(args);
        CompiledRuleset rules = RulesOption.compile(RuleCompiler.builder().build(), rulePaths, err);
        List<io.trailhawk.rules.load.RulesFile> files;
        try {
            files = RulesOption.read(rulePaths);
        } catch (IOException e) {
            files = null;
        }
        if (rules == null || files == null) {
            out.println("0 passed, 1 failed");
            return 1;
        }
        List<Path> testPaths = new ArrayList<>();
        for (String p : args.positional()) {
            testPaths.add(Paths.get(p));
        }
        if (testPaths.isEmpty()) {
            for (Path r : rulePaths) {
                Path t = Files.isDirectory(r) ? r.resolve("tests") : r.toAbsolutePath().getParent().resolve("tests");
                if (Files.isDirectory(t)) {
                    testPaths.add(t);
                }
            }
        }
        int passed = 0;
        int failed = 0;
        List<RuleTestCase> all = new ArrayList<>();
        try {
            RuleTestRunner runner = new RuleTestRunner(files, rules);
            for (Path f : RuleTestFiles.expand(testPaths)) {
                List<String> problems = new ArrayList<>();
                List<RuleTestCase> cases = RuleTestFiles.read(f, problems);
                for (String p : problems) {
                    err.println("FAIL " + p);
                    failed++;
                }
                for (RuleTestCase c : cases) {
                    all.add(c);
                    String why = runner.run(c);
                    if (why == null) {
                        passed++;
                    } else {
                        failed++;
                        err.println("FAIL " + c.location() + ": " + c.name() + ": " + why);
                    }
                }
            }
            if (args.flag("require-coverage")) {
                for (String r : runner.rulesWithout(all, true)) {
                    failed++;
                    err.println("FAIL rule '" + r + "' has no case that must fire");
                }
                for (String r : runner.rulesWithout(all, false)) {
                    failed++;
                    err.println("FAIL rule '" + r + "' has no near-miss case that must not fire");
                }
            }
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            failed++;
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
