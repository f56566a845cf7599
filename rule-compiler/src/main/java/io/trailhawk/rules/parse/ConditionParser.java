package io.trailhawk.rules.parse;

import io.trailhawk.rules.eval.Operator;
import io.trailhawk.rules.eval.Transformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recursive-descent parser for the Falco (libs) condition grammar. {@code not} binds tighter than {@code and},
 * which binds tighter than {@code or}; both are n-ary. Macros stay as {@link MacroRefExpr} leaves; list names have
 * already been substituted into the text by the loader.
 */
public final class ConditionParser extends ConditionLexer {
    public static final int MAX_DEPTH = 1000;

    private int depth;

    private ConditionParser(String text) {
        super(text);
    }

    public static Expr parse(String condition) throws ConditionSyntaxException {
        if (condition.isEmpty()) {
            throw new ConditionSyntaxException("filter input string is empty", 0);
        }
        ConditionParser p = new ConditionParser(condition);
        Expr e = p.parseOr();
        p.skipBlanks();
        if (!p.atEnd()) {
            throw new ConditionSyntaxException("unexpected token after '" + p.last
                    + "', expecting 'or', 'and'", p.pos);
        }
        return e;
    }

    /**
     * Parses a whole string as a field or transformer, as used after {@code %} in outputs and in exception
     * {@code fields}. Empty when the whole string is not one.
     */
    public static Optional<ValueAccess> parseValueAccess(String s) {
        ConditionParser p = new ConditionParser(s);
        try {
            ValueAccess a = p.lexValueAccess(false);
            return a != null && p.atEnd() ? Optional.of(a) : Optional.empty();
        } catch (ConditionSyntaxException e) {
            return Optional.empty();
        }
    }

    // The depth is counted where Falco's parser counts it (each of or, and, not, check, a parenthesised group and
    // a value is a level), so that the same conditions reach the limit.

    private Expr parseOr() throws ConditionSyntaxException {
        return parseLogical(Expr.Kind.OR);
    }

    private Expr parseAnd() throws ConditionSyntaxException {
        return parseLogical(Expr.Kind.AND);
    }

    private Expr parseLogical(Expr.Kind kind) throws ConditionSyntaxException {
        enter();
        String keyword = kind == Expr.Kind.OR ? "or" : "and";
        skipBlanks();
        int start = pos;
        List<Expr> children = new ArrayList<>();
        children.add(kind == Expr.Kind.OR ? parseAnd() : parseNot());
        while (true) {
            skipBlanks();
            if (!lexLogicalKeyword(keyword)) {
                break;
            }
            if (peek() == '(') {
                pos++;
                children.add(parseGroup());
            } else {
                children.add(kind == Expr.Kind.OR ? parseAnd() : parseNot());
            }
        }
        depth--;
        return children.size() == 1 ? children.get(0) : new LogicalExpr(kind, children, start);
    }

    /** Any number of {@code not} in a row: as in Falco, an even number cancels out. */
    private Expr parseNot() throws ConditionSyntaxException {
        enter();
        skipBlanks();
        boolean negated = false;
        int at = pos;
        while (text.startsWith("not", pos) && pos + 3 < text.length() && isBlank(text.charAt(pos + 3))) {
            negated = !negated;
            pos += 3;
            skipBlanks();
        }
        Expr e;
        if (text.startsWith("not(", pos)) {
            negated = !negated;
            pos += 4;
            e = parseGroup();
        } else {
            e = parseCheck();
        }
        depth--;
        return negated ? new NotExpr(e, at) : e;
    }

    /** The rest of a parenthesised group, after its {@code (}. */
    private Expr parseGroup() throws ConditionSyntaxException {
        enter();
        skipBlanks();
        Expr e = parseOr();
        skipBlanks();
        if (peek() != ')') {
            throw new ConditionSyntaxException("expected a ')' token", pos);
        }
        pos++;
        last = ")";
        depth--;
        return e;
    }

    private Expr parseCheck() throws ConditionSyntaxException {
        enter();
        skipBlanks();
        int start = pos;
        Expr e;
        if (peek() == '(') {
            pos++;
            e = parseGroup();
        } else {
            ValueAccess lhs = lexValueAccess(false);
            if (lhs != null) {
                e = parseCondition(lhs, start);
            } else {
                String ident = lexIdentifier();
                if (ident == null) {
                    throw new ConditionSyntaxException("expected a '(' token, a field check, or an identifier", pos);
                }
                e = new MacroRefExpr(ident, start);
            }
        }
        depth--;
        return e;
    }

    private Expr parseCondition(ValueAccess lhs, int start) throws ConditionSyntaxException {
        skipBlanks();
        int opAt = pos;
        Operator op = lexOperator();
        if (op == null) {
            throw new ConditionSyntaxException("expected a valid check operator: one of " + OPERATOR_LIST, pos);
        }
        if (op.syntax() == Operator.Syntax.UNARY) {
            return new UnaryCheck(lhs, op, start, opAt);
        }
        enter();
        Expr check = parseRightSide(lhs, op, start, opAt);
        depth--;
        return check;
    }

    private Expr parseRightSide(ValueAccess lhs, Operator op, int start, int opAt) throws ConditionSyntaxException {
        switch (op.syntax()) {
            case ORDERING: {
                skipBlanks();
                int rhsAt = pos;
                ValueAccess other = lexRhsValueAccess();
                if (other != null) {
                    return read(lhs, op, other, start, opAt, rhsAt);
                }
                String num = lexNumber();
                if (num == null) {
                    throw new ConditionSyntaxException("expected a number value" + OR_TRANSFORMER, pos);
                }
                return new BinaryCheck(lhs, op, Operator.Modifier.NONE, Operand.value(num, rhsAt), start, opAt);
            }
            case SYMBOL:
            case WORD: {
                int beforeBlanks = pos;
                skipBlanks();
                // A modifier is a word of its own: "==oneof (a)" compares with "oneof" and then fails, as in Falco.
                Operator.Modifier modifier = pos > beforeBlanks ? lexModifier() : Operator.Modifier.NONE;
                int rhsAt = pos;
                if (modifier != Operator.Modifier.NONE) {
                    return new BinaryCheck(lhs, op, modifier, constants(rhsAt), start, opAt);
                }
                ValueAccess other = lexRhsValueAccess();
                if (other != null) {
                    return read(lhs, op, other, start, opAt, rhsAt);
                }
                String v = lexStrValue();
                if (v == null) {
                    throw new ConditionSyntaxException("expected a string value" + OR_TRANSFORMER, pos);
                }
                return new BinaryCheck(lhs, op, Operator.Modifier.NONE, Operand.value(v, rhsAt), start, opAt);
            }
            case LIST: {
                skipBlanks();
                int rhsAt = pos;
                ValueAccess other = lexRhsValueAccess();
                if (other != null) {
                    return read(lhs, op, other, start, opAt, rhsAt);
                }
                return new BinaryCheck(lhs, op, Operator.Modifier.NONE, constants(rhsAt), start, opAt);
            }
            default:
                throw new IllegalStateException();
        }
    }

    /** A parenthesised list, or one bare value, starting at {@code at}. */
    private Operand constants(int at) throws ConditionSyntaxException {
        List<String> values = lexListValue();
        return charAt(at) == '(' ? Operand.list(values, at) : Operand.value(values.get(0), at);
    }

    private static Expr read(ValueAccess lhs, Operator op, ValueAccess rhs, int start, int opAt, int rhsAt) {
        return new BinaryCheck(lhs, op, Operator.Modifier.NONE, Operand.read(rhs, rhsAt), start, opAt);
    }

    /** A transformer, or {@code val(field)}: the right side of a field-to-field comparison. */
    private ValueAccess lexRhsValueAccess() throws ConditionSyntaxException {
        if (text.startsWith("val(", pos)) {
            pos += 4;
            skipBlanks();
            int at = pos;
            ValueAccess f = lexValueAccess(false);
            if (f == null || !f.isField()) {
                throw new ConditionSyntaxException("expected a field within 'val' transformer", at);
            }
            skipBlanks();
            expectClosing();
            if (lexFieldArgument() != null) {
                throw new ConditionSyntaxException("transformer 'val' does not support field arguments", at);
            }
            return f;
        }
        return lexValueAccess(true);
    }

    /** A field or a transformer at the current position, or null (position unchanged) if there is none. */
    private ValueAccess lexValueAccess(boolean transformersOnly) throws ConditionSyntaxException {
        int start = pos;
        String lastBefore = last;
        String ident = lexIdentifier();
        if (ident == null) {
            return null;
        }
        Transformer transformer = Transformer.bySpelling(ident);
        if (transformer != null && peek() == '(') {
            pos++;
            List<ValueAccess> args = lexArguments(false);
            return ValueAccess.transform(transformer, args, lexFieldArgument(), start);
        }
        if (transformersOnly) {
            pos = start;
            last = lastBefore;
            return null;
        }
        StringBuilder name = new StringBuilder(ident);
        int segments = 0;
        while (peek() == '.' && isLetter(charAt(pos + 1))) {
            pos++;
            name.append('.').append(lexIdentifier());
            segments++;
        }
        if (segments == 0) {
            pos = start;
            last = lastBefore;
            return null;
        }
        last = name.toString();
        String arg = lexFieldArgument();
        return ValueAccess.field(name.toString(), arg, start);
    }


    /**
     * Comma-separated transformer arguments (or, {@code inList}, the elements of a transformer's list), up to and
     * including the closing parenthesis.
     */
    private List<ValueAccess> lexArguments(boolean inList) throws ConditionSyntaxException {
        List<ValueAccess> out = new ArrayList<>();
        skipBlanks();
        while (true) {
            out.add(lexTransformerArgument(inList));
            skipBlanks();
            if (peek() != ',') {
                break;
            }
            pos++;
            skipBlanks();
        }
        expectClosing();
        return out;
    }

    private List<ValueAccess> closedEmpty() throws ConditionSyntaxException {
        expectClosing();
        return List.of();
    }

    /**
     * One argument of a transformer: a field, another transformer, a quoted string, a number, or a parenthesised
     * list of those.
     */
    private ValueAccess lexTransformerArgument(boolean inList) throws ConditionSyntaxException {
        int at = pos;
        char c = peek();
        if (c == '(' && !inList) {
            pos++;
            skipBlanks();
            return ValueAccess.list(peek() == ')' ? closedEmpty() : lexArguments(true), at);
        }
        if (c == '"' || c == '\'') {
            String quoted = lexQuoted();
            if (quoted != null) {
                return ValueAccess.constant(quoted, at);
            }
        }
        String number = lexNumber();
        if (number != null) {
            return ValueAccess.constant(number, at);
        }
        ValueAccess inner = lexValueAccess(false);
        if (inner == null) {
            throw new ConditionSyntaxException(inList ? "expected transformer list argument: field, transformer, "
                    + "quoted string, or number" : "expected field transformer argument: field, transformer, "
                    + "quoted string, number, or transformer list", pos);
        }
        return inner;
    }






    /** {@code and}/{@code or}, which must be followed by a blank or {@code (}. */
    private boolean lexLogicalKeyword(String word) throws ConditionSyntaxException {
        if (!text.startsWith(word, pos)) {
            return false;
        }
        char next = charAt(pos + word.length());
        if (!isBlank(next) && next != '(') {
            throw new ConditionSyntaxException("expected blank or '(' after '" + word + "'", pos + word.length());
        }
        pos += word.length();
        last = word;
        return true;
    }



    private void enter() throws ConditionSyntaxException {
        if (++depth >= MAX_DEPTH) {
            throw new ConditionSyntaxException("exceeded max depth limit of " + MAX_DEPTH, pos);
        }
    }










}
