package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.SourceLocation;

/** A macro as collected so far: its condition text, before list substitution and parsing. */
public final class MacroInfo {
    private final String name;
    private final int index;
    private SourceLocation location;
    private int visibility;
    private PositionedText condition;

    MacroInfo(String name, int index, SourceLocation location, PositionedText condition) {
        this.name = name;
        this.index = index;
        this.location = location;
        this.visibility = index;
        this.condition = condition;
    }

    void redefine(SourceLocation at, int visibility, PositionedText newCondition) {
        this.location = at;
        this.visibility = visibility;
        this.condition = newCondition;
    }

    /** Falco appends macro text with one space and no parentheses. */
    void append(int visibility, PositionedText more) {
        this.visibility = visibility;
        this.condition = condition.append(" ", more);
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }

    public int visibility() {
        return visibility;
    }

    public SourceLocation location() {
        return location;
    }

    public PositionedText condition() {
        return condition;
    }
}
