package io.trailhawk.job.sink;

import io.trailhawk.rules.load.Priority;
import io.trailhawk.rules.output.Alert;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * One alert output: a topic, a format, and which alerts it takes. An alert goes to every route whose filter it
 * passes, once per route: at or above the minimum priority, and, for each of tags, rules and accounts that the
 * route lists, one of them. Immutable. Read from configuration by {@link io.trailhawk.job.config.AlertRoutes}.
 */
public final class AlertRoute implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String topic;
    private final String format;
    private final Priority minPriority;
    private final Set<String> tags;
    private final Set<String> rules;
    private final Set<String> accounts;

    public AlertRoute(String name, String topic, String format, Priority minPriority, List<String> tags,
            List<String> rules, List<String> accounts) {
        this.name = name;
        this.topic = topic;
        this.format = format;
        this.minPriority = minPriority;
        this.tags = Set.copyOf(tags);
        this.rules = Set.copyOf(rules);
        this.accounts = Set.copyOf(accounts);
    }

    /** The route of {@code topic.alerts}: every alert, in {@code format}. */
    public static AlertRoute everything(String topic, String format) {
        return new AlertRoute("default", topic, format, Priority.DEBUG, List.of(), List.of(), List.of());
    }

    public boolean takes(Alert a) {
        if (!a.priority().atLeast(minPriority)) {
            return false;
        }
        if (!rules.isEmpty() && !rules.contains(a.rule())) {
            return false;
        }
        if (!tags.isEmpty() && a.tags().stream().noneMatch(tags::contains)) {
            return false;
        }
        if (!accounts.isEmpty() && (a.accountId() == null || !accounts.contains(a.accountId()))) {
            return false;
        }
        return true;
    }

    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    public String format() {
        return format;
    }

    public Set<String> tags() {
        return tags;
    }
}
