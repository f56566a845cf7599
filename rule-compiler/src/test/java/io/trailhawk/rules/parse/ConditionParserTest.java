package io.trailhawk.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhawk.rules.eval.Operator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionParserTest {

    private static String tree(String condition) throws ConditionSyntaxException {
        return ConditionParser.parse(condition).toString();
    }

    @Test
    void parse_andBindsTighterThanOr() throws Exception {
        assertThat(tree("a.a=1 or b.b=2 and c")).isEqualTo("or(a.a = 1, and(b.b = 2, c))");
    }

    @Test
    void parse_notBindsTighterThanAnd() throws Exception {
        assertThat(tree("not a.a exists and b.b=2")).isEqualTo("and(not(a.a exists), b.b = 2)");
        assertThat(tree("not (a.a exists and b.b=2)")).isEqualTo("not(and(a.a exists, b.b = 2))");
        assertThat(tree("not(a.a exists)")).isEqualTo("not(a.a exists)");
        // As in Falco, each "not" in a row toggles, so an even number cancels out.
        assertThat(tree("not not a.a exists")).isEqualTo("a.a exists");
        assertThat(tree("not not not a.a exists")).isEqualTo("not(a.a exists)");
        assertThat(tree("not not(a.a exists)")).isEqualTo("a.a exists");
    }

    @Test
    void parse_andOrAreNary() throws Exception {
        assertThat(tree("a.a=1 and b.b=2 and c.c=3")).isEqualTo("and(a.a = 1, b.b = 2, c.c = 3)");
        assertThat(tree("a.a=1 or b.b=2 or c.c=3")).isEqualTo("or(a.a = 1, b.b = 2, c.c = 3)");
    }

    @Test
    void parse_parenthesesAfterKeywordWithoutBlank() throws Exception {
        assertThat(tree("a.a=1 and(b.b=2 or c.c=3)")).isEqualTo("and(a.a = 1, or(b.b = 2, c.c = 3))");
    }

    @Test
    void parse_identifierStartingWithNotIsAMacro() throws Exception {
        assertThat(tree("a and notb")).isEqualTo("and(a, notb)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=", "==", "!=", "<", "<=", ">", ">=", "contains", "icontains", "startswith",
        "endswith", "glob", "iglob", "regex", "bcontains", "bstartswith"})
    void parse_everyComparisonOperator(String op) throws Exception {
        CheckExpr c = (CheckExpr) ConditionParser.parse("ct.name " + op + " 5");
        assertThat(c.operator().spelling()).isEqualTo(op.equals("==") ? "=" : op);
        assertThat(c.binary().constants()).containsExactly("5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"in", "intersects", "pmatch"})
    void parse_listOperators(String op) throws Exception {
        CheckExpr c = (CheckExpr) ConditionParser.parse("ct.name " + op + " (a, 'b c', \"d\")");
        assertThat(c.operator().spelling()).isEqualTo(op);
        assertThat(c.binary().constants()).containsExactly("a", "b c", "d");
        assertThat(c.binary().rhs().kind()).isEqualTo(Operand.Kind.LIST);
    }

    @Test
    void parse_emptyListAndBareIdentifier() throws Exception {
        assertThat(((CheckExpr) ConditionParser.parse("ct.name in ()")).binary().constants()).isEmpty();
        CheckExpr c = (CheckExpr) ConditionParser.parse("ct.name in foo");
        assertThat(c.binary().constants()).containsExactly("foo");
        assertThat(c.binary().rhs().kind()).isEqualTo(Operand.Kind.VALUE);
    }

    @Test
    void parse_symbolOperatorsNeedNoBlanks() throws Exception {
        assertThat(tree("ct.name=ConsoleLogin")).isEqualTo("ct.name = ConsoleLogin");
        assertThat(tree("evt.num>0")).isEqualTo("evt.num > 0");
        assertThat(tree("ct.name in(a,b)")).isEqualTo("ct.name in (a, b)");
    }

    @Test
    void parse_wordOperatorNeedsBlank() {
        assertThatThrownBy(() -> ConditionParser.parse("ct.name containsx"))
                .isInstanceOf(ConditionSyntaxException.class);
    }

    @Test
    void parse_modifiers() throws Exception {
        CheckExpr c = (CheckExpr) ConditionParser.parse("ct.name startswith anyof (Get, List)");
        assertThat(c.binary().modifier().spelling()).isEqualTo("anyof");
        assertThat(c.binary().constants()).containsExactly("Get", "List");
        CheckExpr plain = (CheckExpr) ConditionParser.parse("ct.name = oneof");
        assertThat(plain.binary().modifier()).isEqualTo(Operator.Modifier.NONE);
        assertThat(plain.binary().constants()).containsExactly("oneof");
    }

    @Test
    void parse_transformersAndVal() throws Exception {
        CheckExpr c = (CheckExpr) ConditionParser.parse("tolower(ct.user) = val(ct.originaluser)");
        assertThat(c.lhs().transformer().spelling()).isEqualTo("tolower");
        assertThat(c.lhs().inner().field()).isEqualTo("ct.user");
        assertThat(c.binary().rhs().kind()).isEqualTo(Operand.Kind.FIELD);
        assertThat(c.binary().rhs().access().field()).isEqualTo("ct.originaluser");
        CheckExpr nested = (CheckExpr) ConditionParser.parse("len(basename(ct.user)) > 3");
        assertThat(nested.lhs().toString()).isEqualTo("len(basename(ct.user))");
        CheckExpr rhsTransform = (CheckExpr) ConditionParser.parse("ct.user = toupper(ct.originaluser)");
        assertThat(rhsTransform.binary().rhs().kind()).isEqualTo(Operand.Kind.TRANSFORMER);
        assertThat(rhsTransform.binary().rhs().access().toString()).isEqualTo("toupper(ct.originaluser)");
    }

    @Test
    void parse_fieldArguments() throws Exception {
        CheckExpr bare = (CheckExpr) ConditionParser.parse("json.value[/a/b] = x");
        assertThat(bare.lhs().arg()).isEqualTo("/a/b");
        CheckExpr quoted = (CheckExpr) ConditionParser.parse("json.value[\"/a b\"] = x");
        assertThat(quoted.lhs().arg()).isEqualTo("/a b");
        assertThatThrownBy(() -> ConditionParser.parse("json.value[] = x"))
                .hasMessageContaining("expected a valid field argument");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "ct.user = \"a\\tb\"|a\tb",
        "ct.user = 'it\\'s'|it's",
        "ct.user = \"say \\\"hi\\\"\"|say \"hi\"",
        "ct.user = \"a\\\\b\"|a\\b",
        "ct.user = \"a\\/b\"|a/b",
        "ct.user = \"\\x41\"|A",
        "ct.user = ''|''"
    })
    void parse_quotedStringsAndEscapes(String condition, String expected) throws Exception {
        CheckExpr c = (CheckExpr) ConditionParser.parse(condition);
        assertThat(c.binary().constants().get(0)).isEqualTo(expected.equals("''") ? "" : expected);
    }

    @Test
    void parse_wrongQuoteEscapeIsRejected() {
        assertThatThrownBy(() -> ConditionParser.parse("ct.user = 'a\\\"b'"))
                .hasMessageContaining("invalid \\\" escape");
        assertThatThrownBy(() -> ConditionParser.parse("ct.user = \"a\\qb\""))
                .hasMessageContaining("unsupported string escape sequence");
    }

    @Test
    void parse_errorsCarryOffsets() {
        assertThatThrownBy(() -> ConditionParser.parse("ct.name = a and"))
                .isInstanceOfSatisfying(ConditionSyntaxException.class, e -> assertThat(e.offset()).isEqualTo(15));
        assertThatThrownBy(() -> ConditionParser.parse("ct.name = a b.c = d"))
                .hasMessageContaining("unexpected token after 'a'");
        assertThatThrownBy(() -> ConditionParser.parse("(ct.name = a"))
                .hasMessageContaining("expected a ')' token");
        assertThatThrownBy(() -> ConditionParser.parse("")).hasMessageContaining("filter input string is empty");
        assertThatThrownBy(() -> ConditionParser.parse("  ")).hasMessageContaining("expected a '(' token, a field "
                + "check, or an identifier");
        assertThatThrownBy(() -> ConditionParser.parse("ct.name ~ a")).hasMessageContaining("expected a valid check operator");
        assertThatThrownBy(() -> ConditionParser.parse("evt.num > abc")).hasMessageContaining("expected a number");
        assertThatThrownBy(() -> ConditionParser.parse("ct.name in (a,,b)")).hasMessageContaining("expected a string value");
        assertThatThrownBy(() -> ConditionParser.parse("ct.name = a # comment"))
                .isInstanceOf(ConditionSyntaxException.class);
    }

    @Test
    void parse_depthIsBounded() {
        String deep = "(".repeat(1200) + "a" + ")".repeat(1200);
        assertThatThrownBy(() -> ConditionParser.parse(deep)).hasMessageContaining("max depth");
    }

    @Test
    void parse_multiValueTransformers_takeArgumentsConstantsAndLists() throws Exception {
        assertThat(ConditionPrinter.print(ConditionParser.parse("join(\"-\", (s3.key, s3.bucket)) = /tmp/x")))
                .isEqualTo("join(-,(s3.key,s3.bucket)) = /tmp/x");
        assertThat(ConditionPrinter.print(ConditionParser.parse("getopt(ct.args, \"nt:\")[t] = value")))
                .isEqualTo("getopt(ct.args,nt:)[t] = value");
        assertThat(ConditionPrinter.print(ConditionParser.parse("toupper('abc') = ABC"))).isEqualTo("toupper(abc) = ABC");
        assertThatThrownBy(() -> ConditionParser.parse("ct.name = val(toupper(ct.user))"))
                .hasMessageContaining("expected a field within 'val' transformer");
    }

    @Test
    void parse_bareStringMayLookLikeKeyword() throws Exception {
        assertThat(tree("a.b = not")).isEqualTo("a.b = not");
        assertThat(tree("fd.name=*.log")).isEqualTo("fd.name = *.log");
    }

    @Test
    void parse_orderingOperatorsNeedANumber() {
        assertThatThrownBy(() -> ConditionParser.parse("ct.name < abc")).hasMessageContaining("expected a number");
    }
}
