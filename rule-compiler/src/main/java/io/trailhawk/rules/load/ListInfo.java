package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A list as collected so far. Its index is its first definition's position; visibility is its latest. */
public final class ListInfo {
    private final String name;
    private final int index;
    private SourceLocation location;
    private int visibility;
    private List<String> items;

    ListInfo(String name, int index, SourceLocation location, List<String> items) {
        this.name = name;
        this.index = index;
        this.location = location;
        this.visibility = index;
        this.items = new ArrayList<>(items);
    }

    void redefine(SourceLocation at, int visibility, List<String> newItems) {
        this.location = at;
        this.visibility = visibility;
        this.items = new ArrayList<>(newItems);
    }

    void append(int visibility, List<String> more) {
        this.visibility = visibility;
        this.items.addAll(more);
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

    public List<String> items() {
        return Collections.unmodifiableList(items);
    }
}
