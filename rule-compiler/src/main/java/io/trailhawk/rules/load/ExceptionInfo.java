package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A rule exception. {@code fields} and {@code comps} are either one name ({@link #fieldsIsList()} false) or a
 * list. Each value is a String (single-field form) or a {@code List<Object>} tuple whose elements are Strings or
 * lists of Strings.
 */
public final class ExceptionInfo {
    private final String name;
    private final SourceLocation location;
    private final boolean fieldsIsList;
    private final List<String> fields;
    private final List<String> comps;
    private final List<Object> values;

    ExceptionInfo(String name, SourceLocation location, boolean fieldsIsList, List<String> fields, List<String> comps,
            List<Object> values) {
        this.name = name;
        this.location = location;
        this.fieldsIsList = fieldsIsList;
        this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
        this.comps = Collections.unmodifiableList(new ArrayList<>(comps));
        this.values = new ArrayList<>(values);
    }

    ExceptionInfo withMoreValues(List<Object> more) {
        List<Object> v = new ArrayList<>(values);
        v.addAll(more);
        return new ExceptionInfo(name, location, fieldsIsList, fields, comps, v);
    }

    public String name() {
        return name;
    }

    public SourceLocation location() {
        return location;
    }

    public boolean fieldsIsList() {
        return fieldsIsList;
    }

    public List<String> fields() {
        return fields;
    }

    public List<String> comps() {
        return comps;
    }

    public List<Object> values() {
        return Collections.unmodifiableList(values);
    }
}
