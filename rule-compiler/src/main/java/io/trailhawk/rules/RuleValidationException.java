package io.trailhawk.rules;

import io.trailhawk.rules.diag.Issue;
import java.util.Collections;
import java.util.List;

/** A ruleset was rejected whole. It carries every issue found, errors and warnings, in load order. */
public final class RuleValidationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Issue> issues;

    public RuleValidationException(List<Issue> issues) {
        super(summarise(issues));
        this.issues = Collections.unmodifiableList(issues);
    }

    public List<Issue> issues() {
        return issues;
    }

    public List<Issue> errors() {
        return issues.stream().filter(Issue::isError).collect(java.util.stream.Collectors.toList());
    }

    private static String summarise(List<Issue> issues) {
        StringBuilder sb = new StringBuilder("ruleset rejected");
        for (Issue i : issues) {
            if (i.isError()) {
                sb.append('\n').append(i);
            }
        }
        return sb.toString();
    }
}
