package io.trailhawk.rules.load;

import io.trailhawk.rules.diag.Diagnostics;
import io.trailhawk.rules.diag.Issue;
import io.trailhawk.rules.diag.SourceLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What reading one value of a rules-file item gave: the value, or the errors that stop it. The item readers
 * gather these and report the errors together, so a reader never hands back null for "already reported".
 * Immutable.
 */
final class Read<T> {
    private final T value;
    private final List<Issue> errors;

    private Read(T value, List<Issue> errors) {
        this.value = value;
        this.errors = Collections.unmodifiableList(new ArrayList<>(errors));
    }

    static <T> Read<T> of(T value) {
        return new Read<>(Objects.requireNonNull(value), List.of());
    }

    static <T> Read<T> error(SourceLocation at, String item, String message) {
        return new Read<>(null, List.of(Issue.error(at, item, message)));
    }

    static <T> Read<T> errors(List<Issue> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a failed read needs an error");
        }
        return new Read<>(null, errors);
    }

    boolean ok() {
        return errors.isEmpty();
    }

    /** The value; only when {@link #ok()}. */
    T value() {
        if (!ok()) {
            throw new IllegalStateException("read failed: " + errors);
        }
        return value;
    }

    List<Issue> errors() {
        return errors;
    }

    <U> Read<U> map(Function<? super T, ? extends U> f) {
        return ok() ? Read.of(f.apply(value)) : Read.errors(errors);
    }

    /** Reports the errors of every read given; true when each is a value. */
    static boolean report(Diagnostics diag, Read<?>... reads) {
        boolean all = true;
        for (Read<?> r : reads) {
            r.errors.forEach(diag::add);
            all &= r.ok();
        }
        return all;
    }
}
