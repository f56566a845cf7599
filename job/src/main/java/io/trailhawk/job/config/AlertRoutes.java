package io.trailhawk.job.config;

import io.trailhawk.formats.AlertFormats;
import io.trailhawk.job.sink.AlertRoute;
import io.trailhawk.rules.load.Priority;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The job's alert outputs from configuration: {@code topic.alerts} in {@code alerts.format}, taking every alert,
 * then each route {@code alerts.routes} names, from its {@code alerts.route.NAME.*} keys. A route that makes no
 * sense stops the job at start, with the key that is wrong.
 */
public final class AlertRoutes {
    private static final Set<String> ROUTE_KEYS = Set.of("topic", "format", "min-priority", "tags", "rules",
            "accounts");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private AlertRoutes() {
    }

    /** The default route first. */
    public static List<AlertRoute> of(JobConfig config) {
        List<AlertRoute> out = new ArrayList<>();
        out.add(AlertRoute.everything(config.get(TrailhawkOptions.TOPIC_ALERTS),
                format(TrailhawkOptions.ALERTS_FORMAT.key(), config.get(TrailhawkOptions.ALERTS_FORMAT))));
        Properties keys = config.withPrefix(TrailhawkOptions.ALERTS_ROUTE);
        List<String> names = list(config.get(TrailhawkOptions.ALERTS_ROUTES));
        for (String key : keys.stringPropertyNames()) {
            int dot = key.lastIndexOf('.');
            String name = dot < 0 ? key : key.substring(0, dot);
            String full = TrailhawkOptions.ALERTS_ROUTE.key() + key;
            if (dot < 0 || !ROUTE_KEYS.contains(key.substring(dot + 1))) {
                throw new ConfigException(full + ": a route takes " + String.join(", ", new TreeSet<>(ROUTE_KEYS)));
            }
            if (!names.contains(name)) {
                throw new ConfigException(full + ": route '" + name + "' is not in "
                        + TrailhawkOptions.ALERTS_ROUTES.key());
            }
        }
        Set<String> topics = new java.util.HashSet<>(List.of(config.get(TrailhawkOptions.TOPIC_ALERTS),
                config.get(TrailhawkOptions.TOPIC_SHADOW_ALERTS), config.get(TrailhawkOptions.TOPIC_CONTROL),
                config.get(TrailhawkOptions.TOPIC_STATUS), config.get(TrailhawkOptions.TOPIC_DLQ)));
        Set<String> seen = new java.util.HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new ConfigException(TrailhawkOptions.ALERTS_ROUTES.key() + ": route '" + name + "' is listed "
                        + "twice, which would write its alerts twice");
            }
            if (!NAME.matcher(name).matches() || name.equals("default")) {
                throw new ConfigException(TrailhawkOptions.ALERTS_ROUTES.key() + ": '" + name + "' is not a route "
                        + "name (lower-case letters, digits, - and _; not 'default')");
            }
            AlertRoute r = route(name, keys);
            if (!topics.add(r.topic())) {
                throw new ConfigException(TrailhawkOptions.ALERTS_ROUTE.key() + name + ".topic: " + r.topic()
                        + " is already a topic of this job (another route's, or topic.*); each route has its own");
            }
            out.add(r);
        }
        return out;
    }

    private static AlertRoute route(String name, Properties keys) {
        String prefix = TrailhawkOptions.ALERTS_ROUTE.key() + name + ".";
        String topic = keys.getProperty(name + ".topic", "").trim();
        if (topic.isEmpty()) {
            throw new ConfigException(prefix + "topic: every route needs a topic");
        }
        String format = format(prefix + "format", keys.getProperty(name + ".format", AlertFormats.FALCO).trim());
        String min = keys.getProperty(name + ".min-priority", "debug");
        Priority p = Priority.parse(min);
        if (p == null) {
            throw new ConfigException(prefix + "min-priority: '" + min + "' is not a priority (emergency, alert, "
                    + "critical, error, warning, notice, informational, debug)");
        }
        List<String> accounts = list(keys.getProperty(name + ".accounts"));
        for (String a : accounts) {
            if (!a.matches("[0-9]{12}")) {
                throw new ConfigException(prefix + "accounts: '" + a + "' is not an AWS account id (12 digits)");
            }
        }
        // Rule names may hold commas, so they are separated by semicolons.
        return new AlertRoute(name, topic, format, p, list(keys.getProperty(name + ".tags")),
                list(keys.getProperty(name + ".rules"), ";"), accounts);
    }

    /** Every tag a route filters on must be a tag of some rule in {@code knownTags}, the bootstrap ruleset's. */
    public static void checkTags(List<AlertRoute> routes, Set<String> knownTags) {
        for (AlertRoute r : routes) {
            for (String t : r.tags()) {
                if (!knownTags.contains(t)) {
                    throw new ConfigException(TrailhawkOptions.ALERTS_ROUTE.key() + r.name() + ".tags: no rule has "
                            + "the tag '" + t + "'");
                }
            }
        }
    }

    private static String format(String key, String name) {
        if (!AlertFormats.NAMES.contains(name)) {
            throw new ConfigException(key + ": unknown alert format '" + name + "' (known: "
                    + String.join(", ", AlertFormats.NAMES) + ")");
        }
        return name;
    }

    private static List<String> list(String csv) {
        return list(csv, ",");
    }

    private static List<String> list(String text, String separator) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(Pattern.quote(separator))).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }
}
