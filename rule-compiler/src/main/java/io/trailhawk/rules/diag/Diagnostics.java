package io.trailhawk.rules.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects issues from every stage so an author sees every mistake in one run. */
public final class Diagnostics {
    private final Set<Issue> issues = new LinkedHashSet<>();

    public void add(Issue issue) {
        issues.add(issue);
    }

    public void error(SourceLocation at, String item, String message) {
        add(Issue.error(at, item, message));
    }

    public void warning(SourceLocation at, String item, String message) {
        add(Issue.warning(at, item, message));
    }

    public boolean hasErrors() {
        for (Issue i : issues) {
            if (i.isError()) {
                return true;
            }
        }
        return false;
    }

    public List<Issue> errors() {
        return select(Issue.Severity.ERROR);
    }

    public List<Issue> warnings() {
        return select(Issue.Severity.WARNING);
    }

    public List<Issue> all() {
        return Collections.unmodifiableList(new ArrayList<>(issues));
    }

    private List<Issue> select(Issue.Severity severity) {
        List<Issue> out = new ArrayList<>();
        for (Issue i : issues) {
            if (i.severity() == severity) {
                out.add(i);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
