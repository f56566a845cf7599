package io.trailhawk.cli;

import io.trailhawk.rules.CompiledRuleset;
import io.trailhawk.rules.RuleCompiler;
import io.trailhawk.rules.RuleValidationException;
import io.trailhawk.rules.diag.IssueReport;
import io.trailhawk.rules.load.RuleSelection;
import io.trailhawk.rules.load.RulesFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --rules PATH}, repeatable, defaulting to the bundled {@code rules/}, and {@code --selection FILE}; and
 * loading what they name.
 */
final class RulesOption {
    private RulesOption() {
    }

    /** The bundled rules directory: {@code rules/} under the installation that {@code bin/trailhawk} sets. */
    static Path defaultRules() {
        String home = System.getProperty("trailhawk.home");
        return home == null ? Paths.get("rules") : Paths.get(home, "rules");
    }

    static List<Path> paths(Arguments args) {
        List<Path> out = new ArrayList<>();
        for (String p : args.all("rules")) {
            out.add(Paths.get(p));
        }
        if (out.isEmpty()) {
            out.add(defaultRules());
        }
        return out;
    }

    /**
     * {@code --selection FILE}, repeatable: Falco's {@code rules:} selection, the files' entries in the order given.
     * Null, with the problems printed as {@code FILE:LINE:COL}, when one cannot be read.
     */
    static RuleSelection selection(Arguments args, PrintStream diagnostics) {
        RuleSelection all = RuleSelection.NONE;
        for (String p : args.all("selection")) {
            RulesFile file;
            try {
                file = RulesFile.read(Paths.get(p));
            } catch (IOException e) {
                diagnostics.println("error: " + e.getMessage());
                return null;
            }
            try {
                all = all.then(RuleCompiler.builder().build().readSelection(file));
            } catch (RuleValidationException e) {
                diagnostics.print(new IssueReport(Map.of(file.name(), file.content())).render(e.issues()));
                diagnostics.println("selection rejected: " + e.errors().size() + " error(s)");
                return null;
            }
        }
        return all;
    }

    static List<RulesFile> read(List<Path> paths) throws IOException {
        return RulesFile.readAll(paths);
    }

    /**
     * Compiles, printing warnings and errors to {@code diagnostics}. Returns null when the ruleset is rejected.
     */
    static CompiledRuleset compile(RuleCompiler compiler, List<Path> paths, PrintStream diagnostics) {
        List<RulesFile> files;
        try {
            files = read(paths);
        } catch (IOException e) {
            diagnostics.println("error: " + e.getMessage());
            return null;
        }
        Map<String, String> sources = new LinkedHashMap<>();
        files.forEach(f -> sources.put(f.name(), f.content()));
        IssueReport report = new IssueReport(sources);
        try {
            CompiledRuleset r = compiler.compile(files);
            diagnostics.print(report.render(r.warnings()));
            return r;
        } catch (RuleValidationException e) {
            diagnostics.print(report.render(e.issues()));
            diagnostics.println("ruleset rejected: " + e.errors().size() + " error(s)");
            return null;
        }
    }
}
