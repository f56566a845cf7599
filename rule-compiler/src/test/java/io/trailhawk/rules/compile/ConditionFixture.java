package io.trailhawk.rules.compile;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.SourceLocation;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.load.ListSubstitution;
import io.trailhawk.rules.load.MacroInfo;
import io.trailhawk.rules.load.PositionedText;
import io.trailhawk.rules.load.RuleCollector;
import io.trailhawk.rules.load.RuleLimits;
import io.trailhawk.rules.load.RulesFile;
import io.trailhawk.rules.parse.ConditionParser;
import io.trailhawk.rules.parse.ConditionSyntaxException;
import io.trailhawk.rules.parse.Expr;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Lists and macros loaded from YAML, and conditions taken through the passes one at a time. */
final class ConditionFixture {
    static final FieldRegistry FIELDS = FieldRegistry.standard();

    final Diagnostics diag = new Diagnostics();
    final MacroResolver resolver;

    private ConditionFixture(String yaml) {
        RuleCollector collector = new RuleCollector();
        collector.read(RulesFile.of("macros.yaml", yaml), diag);
        ListSubstitution lists = ListSubstitution.of(collector.lists(), RuleLimits.defaults(), diag);
        Map<String, ParsedMacro> macros = new HashMap<>();
        for (MacroInfo m : collector.macros()) {
            PositionedText text = lists.substitute(m.condition());
            macros.put(m.name(), new ParsedMacro(m, text, parsed(text.text())));
        }
        resolver = new MacroResolver(macros, diag);
        collector.macros().forEach(m -> resolver.macro(macros.get(m.name())));
    }

    static ConditionFixture of(String yaml) {
        return new ConditionFixture(yaml);
    }

    static ConditionFixture empty() {
        return new ConditionFixture("[]");
    }

    /** The macro-free form of a rule's condition, or null when it cannot be resolved. */
    Condition resolved(String condition) {
        try {
            PositionedText text = PositionedText.of(condition, SourceLocation.of("rule.yaml", 1, 1));
            return resolver.rule(ConditionParser.parse(condition), new Condition.Origin(text, "rule 'r'"), diag)
                    .orElse(null);
        } catch (ConditionSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    TypeCheck.Result typeChecked(String condition) {
        return new TypeCheck(FIELDS).check(resolved(condition));
    }

    /** Type-checked and simplified. */
    Condition simplified(String condition) {
        return Simplification.of(typeChecked(condition).condition.orElseThrow());
    }

    private static Optional<Expr> parsed(String text) {
        try {
            return Optional.of(ConditionParser.parse(text));
        } catch (ConditionSyntaxException e) {
            return Optional.empty();
        }
    }
}
