package io.trailhawk.rules.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issues as a person reads them: sorted by position (files in the order they were loaded), each as its
 * {@code FILE:LINE:COL: severity: message} line, then the source line it points at and a caret under the column.
 */
public final class IssueReport {
    private final Map<String, Integer> fileOrder = new HashMap<>();
    private final Map<String, String[]> lines = new HashMap<>();

    /** {@code sources} maps each file's name to its text, in load order. */
    public IssueReport(Map<String, String> sources) {
        for (Map.Entry<String, String> e : new LinkedHashMap<>(sources).entrySet()) {
            fileOrder.put(e.getKey(), fileOrder.size());
            lines.put(e.getKey(), e.getValue().split("\r?\n", -1));
        }
    }

    /** The issues in position order; issues at the same position keep the order they were found in. */
    public List<Issue> sorted(List<Issue> issues) {
        List<Issue> out = new ArrayList<>(issues);
        out.sort(Comparator.comparingInt((Issue i) -> fileOrder.getOrDefault(i.location().file(), Integer.MAX_VALUE))
                .thenComparing(i -> i.location().file())
                .thenComparingInt(i -> i.location().line())
                .thenComparingInt(i -> i.location().col()));
        return out;
    }

    public String render(List<Issue> issues) {
        StringBuilder sb = new StringBuilder();
        for (Issue issue : sorted(issues)) {
            sb.append(issue).append('\n');
            excerpt(issue.location(), sb);
        }
        return sb.toString();
    }

    /** The source line, then a caret under the column; tabs are kept so that the caret lines up. */
    private void excerpt(SourceLocation at, StringBuilder sb) {
        String[] file = lines.get(at.file());
        if (file == null || at.line() > file.length) {
            return;
        }
        String line = file[at.line() - 1];
        sb.append("  | ").append(line).append('\n').append("  | ");
        int col = Math.min(at.col() - 1, line.length());
        for (int i = 0; i < col; i++) {
            sb.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        sb.append("^\n");
    }
}
