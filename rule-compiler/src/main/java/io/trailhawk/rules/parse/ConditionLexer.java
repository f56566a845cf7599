package io.trailhawk.rules.parse;

import io.trailhawk.rules.eval.Operator;
import io.trailhawk.rules.eval.Transformer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The tokens of Falco's condition language, read from a position in the text: blanks, identifiers, numbers,
 * quoted strings with their escapes, bare strings and field arguments, as libsinsp's lexer reads them. The
 * grammar ({@link ConditionParser}) builds on it.
 */
abstract class ConditionLexer {
    /** Operators in the order the parser tries them: within a syntax, longest spelling first. */
    private static final List<Map.Entry<String, Operator>> SPELLINGS = spellings();
    /** Every spelling, quoted, in Falco's order, for the message that names them. */
    static final String OPERATOR_LIST = operatorList();

    private static List<Map.Entry<String, Operator>> spellings() {
        List<Map.Entry<String, Operator>> all = new ArrayList<>();
        for (Operator o : Operator.values()) {
            for (String s : o.spellings()) {
                all.add(Map.entry(s, o));
            }
        }
        all.sort(Comparator.comparing((Map.Entry<String, Operator> e) -> e.getValue().syntax())
                .thenComparing(e -> -e.getKey().length()));
        return List.copyOf(all);
    }

    private static String operatorList() {
        List<String> quoted = new ArrayList<>();
        for (Operator.Syntax syntax : Operator.Syntax.values()) {
            for (Operator o : Operator.values()) {
                if (o.syntax() == syntax) {
                    o.spellings().forEach(s -> quoted.add("'" + s + "'"));
                }
            }
        }
        return String.join(", ", quoted);
    }

    /** How Falco ends the message for a right side it cannot read. */
    static final String OR_TRANSFORMER = orTransformer();

    private static String orTransformer() {
        List<String> quoted = new ArrayList<>();
        quoted.add("'val'");
        for (Transformer t : Transformer.values()) {
            quoted.add("'" + t.spelling() + "'");
        }
        return " or a field with a valid transformer: " + String.join(", ", quoted);
    }

    final String text;
    int pos;
    /** The last token read, which Falco names in "unexpected token after". */
    String last = "";

    ConditionLexer(String text) {
        this.text = text;
    }

    /** {@code [arg]} right after a field or a transformer, or null when there is none. */
    String lexFieldArgument() throws ConditionSyntaxException {
        if (peek() != '[') {
            return null;
        }
        pos++;
        String arg;
        char c = peek();
        if (c == '"' || c == '\'') {
            arg = lexQuoted();
            if (arg == null) {
                throw new ConditionSyntaxException("expected a valid field argument: a quoted string or a bare "
                        + "string", pos);
            }
        } else {
            int a = pos;
            while (!atEnd() && !isFieldArgStop(text.charAt(pos))) {
                pos++;
            }
            if (a == pos) {
                throw new ConditionSyntaxException("expected a valid field argument: a quoted string or a bare "
                        + "string", pos);
            }
            arg = text.substring(a, pos);
        }
        expect(']');
        return arg;
    }

    String lexStrValue() throws ConditionSyntaxException {
        char c = peek();
        if (c == '"' || c == '\'') {
            return lexQuoted();
        }
        int a = pos;
        while (!atEnd() && !isBareStop(text.charAt(pos))) {
            pos++;
        }
        if (a == pos) {
            return null;
        }
        last = text.substring(a, pos);
        return last;
    }

    /** A quoted string, unescaped; null (position unchanged) when it is not closed, as Falco's lexer sees it. */
    String lexQuoted() throws ConditionSyntaxException {
        int start = pos;
        char q = text.charAt(pos++);
        int bodyStart = pos;
        while (true) {
            if (atEnd()) {
                pos = start;
                return null;
            }
            char c = text.charAt(pos);
            if (c == q && text.charAt(pos - 1) != '\\') {
                break;
            }
            pos++;
        }
        String body = text.substring(bodyStart, pos);
        pos++;
        last = unescape(body, q, bodyStart);
        return last;
    }

    static String unescape(String s, char quote, int offset) throws ConditionSyntaxException {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i + 1 >= s.length()) {
                throw new ConditionSyntaxException("unsupported string escape sequence: \\", offset + i);
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case ' ': sb.append('\\'); break;
                case '"':
                case '\'':
                    if (e != quote) {
                        throw new ConditionSyntaxException(
                                "invalid \\" + e + " escape in " + quote + "-quoted string", offset + i - 1);
                    }
                    sb.append(e);
                    break;
                case 'x':
                    try {
                        String hex = s.substring(i + 1, i + 3);
                        if (Character.digit(hex.charAt(0), 16) < 0 || Character.digit(hex.charAt(1), 16) < 0) {
                            throw new NumberFormatException(hex);
                        }
                        sb.append((char) Integer.parseInt(hex, 16));
                    } catch (NumberFormatException | StringIndexOutOfBoundsException ex) {
                        throw new ConditionSyntaxException(i + 2 >= s.length() ? "truncated hex char escape sequence"
                                : "invalid hex char escape sequence: " + s.substring(i + 1, i + 3), offset + i - 1);
                    }
                    i += 2;
                    break;
                default:
                    throw new ConditionSyntaxException("unsupported string escape sequence: \\" + e, offset + i - 1);
            }
        }
        return sb.toString();
    }

    String lexNumber() {
        int a = pos;
        if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
            int p = pos + 2;
            while (p < text.length() && Character.digit(text.charAt(p), 16) >= 0) {
                p++;
            }
            if (p > pos + 2) {
                pos = p;
                last = text.substring(a, pos);
                return last;
            }
        }
        int p = pos;
        if (p < text.length() && (text.charAt(p) == '+' || text.charAt(p) == '-')) {
            p++;
        }
        int digits = p;
        while (p < text.length() && isDigit(text.charAt(p))) {
            p++;
        }
        if (p == digits) {
            return null;
        }
        if (p < text.length() && text.charAt(p) == '.') {
            p++;
            while (p < text.length() && isDigit(text.charAt(p))) {
                p++;
            }
        }
        if (p + 1 < text.length() && (text.charAt(p) == 'e' || text.charAt(p) == 'E')
                && (text.charAt(p + 1) == '+' || text.charAt(p + 1) == '-')) {
            int q = p + 2;
            while (q < text.length() && isDigit(text.charAt(q))) {
                q++;
            }
            if (q > p + 2) {
                p = q;
            }
        }
        pos = p;
        last = text.substring(a, pos);
        return last;
    }

    String lexIdentifier() {
        if (!isLetter(peek())) {
            return null;
        }
        int a = pos;
        while (!atEnd() && isLetter(text.charAt(pos))) {
            pos++;
        }
        while (!atEnd() && isIdentChar(text.charAt(pos))) {
            pos++;
        }
        last = text.substring(a, pos);
        return last;
    }

    void expectClosing() throws ConditionSyntaxException {
        if (peek() != ')') {
            throw new ConditionSyntaxException("expected a ')' token closing the transformer", pos);
        }
        pos++;
        last = ")";
    }

    void expect(char c) throws ConditionSyntaxException {
        if (peek() != c) {
            throw new ConditionSyntaxException("expected a '" + c + "' token", pos);
        }
        pos++;
        last = String.valueOf(c);
    }

    void skipBlanks() {
        while (!atEnd() && isBlank(text.charAt(pos))) {
            pos++;
        }
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    char peek() {
        return charAt(pos);
    }

    char charAt(int i) {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\b' || c == '\r' || c == '\n';
    }

    static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentChar(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }

    /** Falco's bare strings end at {@code ()"'=,} and POSIX spaces; a backspace belongs to the string. */
    static boolean isBareStop(char c) {
        return c == '(' || c == ')' || c == '"' || c == '\'' || c == '=' || c == ',' || c == ' ' || c == '\t'
                || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    static boolean isFieldArgStop(char c) {
        return c == '[' || c == ']' || c == '"' || c == '\'' || Character.isWhitespace(c);
    }

    /**
     * The operator at the current position. Words must be followed by a blank; {@code exists}, symbols and list
     * operators need nothing after them, as in Falco.
     */
    Operator lexOperator() {
        for (Map.Entry<String, Operator> e : SPELLINGS) {
            String spelling = e.getKey();
            if (!text.startsWith(spelling, pos)) {
                continue;
            }
            if (e.getValue().syntax() != Operator.Syntax.WORD || isBlank(charAt(pos + spelling.length()))) {
                pos += spelling.length();
                last = spelling;
                return e.getValue();
            }
        }
        return null;
    }

    /** A modifier followed by its values, or {@link Operator.Modifier#NONE} with nothing consumed. */
    Operator.Modifier lexModifier() {
        int save = pos;
        String word = lexIdentifier();
        Operator.Modifier m = word == null ? null : Operator.Modifier.parse(word);
        if (m == null || !isBlank(peek())) {
            pos = save;
            return Operator.Modifier.NONE;
        }
        skipBlanks();
        if (peek() == '(') {
            return m;
        }
        int identAt = pos;
        String ident = lexIdentifier();
        pos = identAt;
        if (ident != null && !ident.equals("and") && !ident.equals("or") && !ident.equals("not")) {
            return m;
        }
        pos = save;
        return Operator.Modifier.NONE;
    }

    List<String> lexListValue() throws ConditionSyntaxException {
        if (peek() != '(') {
            String ident = lexIdentifier();
            if (ident == null) {
                throw new ConditionSyntaxException("expected a list, an identifier," + OR_TRANSFORMER, pos);
            }
            return List.of(ident);
        }
        pos++;
        List<String> values = new ArrayList<>();
        skipBlanks();
        // As Falco's parser: a first value if there is one, then ", value" pairs, then the closing parenthesis.
        String first = lexStrValue();
        if (first != null) {
            values.add(first);
            skipBlanks();
            while (peek() == ',') {
                pos++;
                skipBlanks();
                String v = lexStrValue();
                if (v == null) {
                    throw new ConditionSyntaxException("expected a string value", pos);
                }
                values.add(v);
                skipBlanks();
            }
        }
        if (peek() != ')') {
            throw new ConditionSyntaxException("expected a ')' token", pos);
        }
        pos++;
        last = ")";
        return values;
    }
}
