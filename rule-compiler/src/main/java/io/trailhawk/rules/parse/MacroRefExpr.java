package io.trailhawk.rules.parse;

/** A bare identifier in a condition: a reference to a macro, resolved on the tree after parsing. */
public final class MacroRefExpr extends Expr {
    private final String name;

    public MacroRefExpr(String name, int offset) {
        super(offset);
        this.name = name;
    }

    @Override
    public Kind kind() {
        return Kind.MACRO_REF;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
