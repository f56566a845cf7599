package io.trailhawk.rules.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints a condition tree as Falco prints a compiled condition ({@code describe}'s {@code condition_compiled}):
 * every and/or group in parentheses, {@code not} without them, values quoted only where they must be.
 */
public final class ConditionPrinter {
    private ConditionPrinter() {
    }

    public static String print(Expr e) {
        StringBuilder out = new StringBuilder();
        print(e, out);
        return out.toString();
    }

    private static void print(Expr e, StringBuilder out) {
        switch (e.kind()) {
            case AND:
            case OR: {
                String joiner = e.kind() == Expr.Kind.AND ? " and " : " or ";
                out.append('(');
                List<Expr> children = ((LogicalExpr) e).children();
                for (int i = 0; i < children.size(); i++) {
                    if (i > 0) {
                        out.append(joiner);
                    }
                    print(children.get(i), out);
                }
                out.append(')');
                break;
            }
            case NOT:
                out.append("not ");
                print(((NotExpr) e).child(), out);
                break;
            case MACRO_REF:
                out.append(((MacroRefExpr) e).name());
                break;
            case CHECK:
                check((CheckExpr) e, out);
                break;
            default:
                throw new IllegalStateException("unknown expression kind " + e.kind());
        }
    }

    private static void check(CheckExpr c, StringBuilder out) {
        out.append(access(c.lhs())).append(' ').append(c.operator().spelling());
        if (c.isUnary()) {
            return;
        }
        BinaryCheck b = c.binary();
        if (b.isModified()) {
            out.append(' ').append(b.modifier().spelling());
        }
        out.append(' ');
        Operand rhs = b.rhs();
        switch (rhs.kind()) {
            case FIELD:
                out.append("val(").append(access(rhs.access())).append(')');
                break;
            case TRANSFORMER:
                out.append(access(rhs.access()));
                break;
            case LIST: {
                List<String> quoted = new ArrayList<>();
                rhs.constants().forEach(v -> quoted.add(value(v)));
                out.append('(').append(String.join(", ", quoted)).append(')');
                break;
            }
            default:
                out.append(value(rhs.constants().get(0)));
                break;
        }
    }

    private static String access(ValueAccess a) {
        switch (a.kind()) {
            case FIELD:
                return a.field() + argument(a.arg());
            case CONSTANT:
                return value(a.constant());
            case LIST:
                return "(" + joined(a.arguments()) + ")";
            default:
                return a.transformer().spelling() + "(" + joined(a.arguments()) + ")" + argument(a.arg());
        }
    }

    private static String joined(List<ValueAccess> accesses) {
        List<String> parts = new ArrayList<>();
        accesses.forEach(x -> parts.add(access(x)));
        return String.join(",", parts);
    }

    private static String argument(String arg) {
        return arg == null ? "" : "[" + (arg.isEmpty() ? "\"\"" : value(arg)) + "]";
    }

    /**
     * A value bare, or in double quotes with {@code \} and {@code "} escaped when it holds a blank or a delimiter;
     * an empty value prints as nothing, as in Falco.
     */
    static String value(String v) {
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ' ' || c == '=' || c == '\\' || c == '"' || c == '\'' || c == '\t' || c == '\n' || c == '\r'
                    || c == '\b' || c == '\f' || c == 0;
        }
        if (!quote) {
            return v;
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\': b.append("\\\\"); break;
                case '"': b.append("\\\""); break;
                case '\t': b.append("\\t"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\b': b.append("\\b"); break;
                case '\f': b.append("\\f"); break;
                default: b.append(c); break;
            }
        }
        return b.append('"').toString();
    }
}
