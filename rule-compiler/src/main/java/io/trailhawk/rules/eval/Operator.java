package io.trailhawk.rules.eval;

import io.trailhawk.rules.field.FieldType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every comparison operator of the condition language, in one place: how it is spelled, what its right side is,
 * which field types it applies to, and what it means on strings and numbers. The parser, the loader's exception
 * checks, the compiler and the evaluators all take operators from here, so adding one is adding a constant.
 */
public enum Operator {
    EQ(Syntax.SYMBOL, true, true, types(FieldType.STRING, FieldType.UINT64, FieldType.BOOL), "==", "="),
    NE(Syntax.SYMBOL, true, true, types(FieldType.STRING, FieldType.UINT64, FieldType.BOOL), "!="),
    LE(Syntax.ORDERING, false, true, types(FieldType.STRING, FieldType.UINT64), "<="),
    LT(Syntax.ORDERING, false, true, types(FieldType.STRING, FieldType.UINT64), "<"),
    GE(Syntax.ORDERING, false, true, types(FieldType.STRING, FieldType.UINT64), ">="),
    GT(Syntax.ORDERING, false, true, types(FieldType.STRING, FieldType.UINT64), ">"),
    GLOB(Syntax.WORD, true, true, types(FieldType.STRING), "glob"),
    IGLOB(Syntax.WORD, true, true, types(FieldType.STRING), "iglob"),
    CONTAINS(Syntax.WORD, true, true, types(FieldType.STRING), "contains"),
    ICONTAINS(Syntax.WORD, true, true, types(FieldType.STRING), "icontains"),
    BCONTAINS(Syntax.WORD, true, true, types(), "bcontains"),
    STARTSWITH(Syntax.WORD, true, true, types(FieldType.STRING), "startswith"),
    BSTARTSWITH(Syntax.WORD, true, true, types(), "bstartswith"),
    ENDSWITH(Syntax.WORD, true, true, types(FieldType.STRING), "endswith"),
    REGEX(Syntax.WORD, true, false, types(FieldType.STRING), "regex"),
    INTERSECTS(Syntax.LIST, false, true, types(FieldType.STRING, FieldType.UINT64, FieldType.BOOL,
            FieldType.STRING_LIST), "intersects"),
    IN(Syntax.LIST, false, true, types(FieldType.STRING, FieldType.UINT64, FieldType.BOOL, FieldType.STRING_LIST),
            "in"),
    PMATCH(Syntax.LIST, false, false, types(FieldType.STRING), "pmatch"),
    EXISTS(Syntax.UNARY, false, false, types(FieldType.STRING, FieldType.UINT64, FieldType.BOOL,
            FieldType.STRING_LIST), "exists");

    /** What follows the operator, which also decides how the parser recognises it. */
    public enum Syntax {
        /** Nothing: {@code f exists}. */
        UNARY,
        /** A number, or a field: {@code f < 10}. Tried first, longest spelling first. */
        ORDERING,
        /** A string value or a field, and a modifier may follow: {@code f = x}, {@code f != x}. */
        SYMBOL,
        /** As {@link #SYMBOL}, but a word, so a blank must follow it: {@code f contains x}. */
        WORD,
        /** A parenthesised list, a list name, or a field: {@code f in (a, b)}. */
        LIST
    }

    /** {@code f contains anyof (a, b)}: how many of the values must match; {@link #NONE} when none is written. */
    public enum Modifier {
        NONE, ONEOF, ANYOF, ALLOF;

        public String spelling() {
            return this == NONE ? "" : name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The modifier spelled {@code word}, or null when it spells none. */
        public static Modifier parse(String word) {
            for (Modifier m : values()) {
                if (m != NONE && m.spelling().equals(word)) {
                    return m;
                }
            }
            return null;
        }
    }

    private final Syntax syntax;
    private final boolean modifiable;
    private final boolean fieldComparable;
    private final Set<FieldType> types;
    private final List<String> spellings;

    Operator(Syntax syntax, boolean modifiable, boolean fieldComparable, Set<FieldType> types, String... spellings) {
        this.syntax = syntax;
        this.modifiable = modifiable;
        this.fieldComparable = fieldComparable;
        this.types = Collections.unmodifiableSet(types);
        this.spellings = List.of(spellings);
    }

    private static Set<FieldType> types(FieldType... t) {
        Set<FieldType> s = EnumSet.noneOf(FieldType.class);
        Collections.addAll(s, t);
        return s;
    }

    /** The canonical spelling, as conditions are printed: the shortest ({@code =}, not {@code ==}). */
    public String spelling() {
        String shortest = spellings.get(0);
        for (String s : spellings) {
            if (s.length() < shortest.length()) {
                shortest = s;
            }
        }
        return shortest;
    }

    /** Every spelling, in the order Falco lists them. */
    public List<String> spellings() {
        return spellings;
    }

    public Syntax syntax() {
        return syntax;
    }

    /** Whether the right side is a list ({@code in}, {@code intersects}, {@code pmatch}). */
    public boolean takesList() {
        return syntax == Syntax.LIST;
    }

    public boolean takesModifier() {
        return modifiable;
    }

    /** Whether the right side may be another field ({@code val(...)}) or a transformer. */
    public boolean comparesFields() {
        return fieldComparable;
    }

    /** The field types a left side may have; empty for the byte-buffer operators, which no field here has. */
    public boolean appliesTo(FieldType t) {
        return types.contains(t);
    }

    /** Whether this is an ordering comparison whose truth follows from the sign of a comparison. */
    public boolean isOrdering() {
        return this == EQ || this == NE || syntax == Syntax.ORDERING;
    }

    /** For an ordering comparison: whether it holds for {@code cmp}, a {@code compare} result. */
    public boolean holds(int cmp) {
        switch (this) {
            case EQ: return cmp == 0;
            case NE: return cmp != 0;
            case LT: return cmp < 0;
            case LE: return cmp <= 0;
            case GT: return cmp > 0;
            case GE: return cmp >= 0;
            default: throw new IllegalStateException(this + " is not an ordering comparison");
        }
    }

    /**
     * The matcher for a string field against one constant. Throws {@link IllegalArgumentException} with a readable
     * message for a bad right-hand side, such as an invalid regular expression.
     */
    public StringMatcher matcher(String rhs) {
        switch (this) {
            case EQ:
            case IN:
            case INTERSECTS:
                return rhs::equals;
            case NE:
                return v -> !rhs.equals(v);
            case LT:
            case LE:
            case GT:
            case GE:
                return v -> holds(StringMatchers.compareBytes(v, rhs));
            case CONTAINS:
                return v -> v.contains(rhs);
            case ICONTAINS: {
                String lower = StringMatchers.asciiLower(rhs);
                return v -> StringMatchers.indexOfIgnoreAsciiCase(v, lower) >= 0;
            }
            case STARTSWITH:
                return v -> v.startsWith(rhs);
            case ENDSWITH:
                return v -> v.endsWith(rhs);
            case GLOB:
                return Glob.compile(rhs, false);
            case IGLOB:
                return Glob.compile(rhs, true);
            case REGEX:
                return StringMatchers.regex(rhs);
            case PMATCH:
                return PathPrefix.of(List.of(rhs));
            default:
                throw new IllegalArgumentException("operator " + spelling() + " does not compare strings");
        }
    }

    /** The matcher for a string field against a list ({@code in}, {@code intersects}, {@code pmatch}). */
    public StringMatcher listMatcher(List<String> values) {
        if (this == PMATCH) {
            return PathPrefix.of(values);
        }
        Set<String> set = new HashSet<>(values);
        return set.isEmpty() ? v -> false : set::contains;
    }

    /** The operator spelled {@code word} exactly, or null. */
    public static Operator bySpelling(String word) {
        for (Operator o : values()) {
            if (o.spellings.contains(word)) {
                return o;
            }
        }
        return null;
    }

    /** The spellings of the operators that apply to {@code type}, sorted, for messages. */
    public static List<String> spellingsFor(FieldType type) {
        List<String> spellings = new ArrayList<>();
        for (Operator o : values()) {
            if (o.appliesTo(type)) {
                spellings.add(o.spelling());
            }
        }
        spellings.sort(null);
        return spellings;
    }
}
