package io.trailhawk.rules.output;

import io.trailhawk.rules.field.Extractor;
import io.trailhawk.rules.field.FieldRegistry;
import io.trailhawk.rules.field.FieldType;
import io.trailhawk.rules.field.ResolvedField;
import io.trailhawk.rules.field.UnknownFieldException;
import io.trailhawk.rules.parse.ConditionParser;
import io.trailhawk.rules.parse.ValueAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * Compiles output text. After each {@code %} (and an optional width) it takes the longest text that is a valid
 * field or transformer, shrinking one character at a time, so {@code %ct.user,} is the field then a comma.
 */
public final class OutputTemplateCompiler {
    private static final String STATE_PREFIX = "state.";
    private final FieldRegistry registry;

    public OutputTemplateCompiler(FieldRegistry registry) {
        this.registry = registry;
    }

    /** Thrown for an invalid formatting token; {@link #offset()} is where it starts. */
    public static final class OutputSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;

        OutputSyntaxException(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    public OutputTemplate compile(String text) throws OutputSyntaxException {
        return compile(text, false);
    }

    /**
     * As {@link #compile(String)}; {@code stateful}: the rule has a stateful key, so its output may also name the
     * {@link StatefulOutput} values.
     */
    public OutputTemplate compile(String text, boolean stateful) throws OutputSyntaxException {
        List<String> literals = new ArrayList<>();
        List<Extractor> values = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        Map<String, OutputField> fields = new LinkedHashMap<>();
        List<String[]> reads = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                lit.append(c);
                i++;
                continue;
            }
            int tokenStart = i;
            i++;
            int width = 0;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                width = width * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (text.startsWith(STATE_PREFIX, i)) {
                int nameEnd = i + STATE_PREFIX.length();
                while (nameEnd < text.length() && (Character.isLowerCase(text.charAt(nameEnd))
                        || text.charAt(nameEnd) == '_')) {
                    nameEnd++;
                }
                String name = text.substring(i + STATE_PREFIX.length(), nameEnd);
                if (!StatefulOutput.NAMES.contains(name)) {
                    throw new OutputSyntaxException("invalid formatting token '" + text.substring(tokenStart, nameEnd)
                            + "': the stateful values are " + String.join(", ", StatefulOutput.NAMES), tokenStart);
                }
                if (!stateful) {
                    throw new OutputSyntaxException("'" + text.substring(tokenStart, nameEnd) + "' is a stateful "
                            + "value: only a rule with suppress, threshold, distinct, sequence or first_seen has it",
                            tokenStart);
                }
                lit.append(StatefulOutput.marker(name, width));
                i = nameEnd;
                continue;
            }
            int end = candidateEnd(text, i);
            ValueAccess access = null;
            int used = end;
            while (used > i) {
                Optional<ValueAccess> a = ConditionParser.parseValueAccess(text.substring(i, used))
                        .filter(this::resolvable);
                if (a.isPresent()) {
                    access = a.get();
                    break;
                }
                used--;
            }
            if (access == null) {
                throw new OutputSyntaxException("invalid formatting token '" + text.substring(tokenStart,
                        Math.min(text.length(), Math.max(end, tokenStart + 1))) + "': not a known field", tokenStart);
            }
            Extractor x = build(access, fields, reads);
            literals.add(lit.toString());
            lit.setLength(0);
            values.add(x);
            widths.add(width);
            i = used;
        }
        literals.add(lit.toString());
        int[] w = new int[widths.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = widths.get(k);
        }
        return new OutputTemplate(text, literals.toArray(new String[0]), values.toArray(new Extractor[0]), w,
                new ArrayList<>(fields.values()), reads);
    }

    /** How far a field token could reach: name characters, a bracketed argument, or a transformer's parentheses. */
    private static int candidateEnd(String text, int from) {
        int i = from;
        int depth = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                i++;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    break;
                }
                i = close + 1;
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')' && depth > 0) {
                depth--;
                i++;
            } else if (c == ' ' && depth > 0) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private boolean resolvable(ValueAccess a) {
        try {
            type(a);
            return true;
        } catch (UnknownFieldException e) {
            return false;
        }
    }

    /** Outputs take fields and single-value transformers of them; anything else is not an output field. */
    private FieldType type(ValueAccess a) throws UnknownFieldException {
        if (a.isField()) {
            return registry.resolve(a.field(), a.arg()).type();
        }
        if (!a.isTransform() || a.transformer().isMultiValue() || a.arguments().size() != 1 || a.arg() != null
                || !(a.inner().isField() || a.inner().isTransform())) {
            throw new UnknownFieldException("'" + a + "' is not an output field");
        }
        FieldType t = a.transformer().resultType(type(a.inner()));
        if (t == null) {
            throw new UnknownFieldException("transformer " + a.transformer().spelling() + " cannot take " + a.inner());
        }
        return t;
    }

    private Extractor build(ValueAccess a, Map<String, OutputField> fields, List<String[]> reads) {
        try {
            if (a.isField()) {
                ResolvedField f = registry.resolve(a.field(), a.arg());
                reads.addAll(f.reads());
                fields.putIfAbsent(f.displayName(), new OutputField(f.displayName(), f.extractor()));
                return f.extractor();
            }
            return a.transformer().apply(build(a.inner(), fields, reads));
        } catch (UnknownFieldException e) {
            throw new IllegalStateException("checked by resolvable()", e);
        }
    }
}
