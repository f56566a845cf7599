package io.trailhawk.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed {@code --option value}, {@code --flag} and positional arguments of one command. */
final class Arguments {
    private final Map<String, List<String>> options = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    private Arguments() {
    }

    /**
     * Parses {@code args}. {@code valued} options take the next argument (or {@code --name=value}); {@code flagNames}
     * take none. Anything else starting with {@code --} is a usage error.
     */
    static Arguments parse(List<String> args, Set<String> valued, Set<String> flagNames) throws UsageException {
        Arguments a = new Arguments();
        boolean onlyPositional = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyPositional || !arg.startsWith("--") || arg.equals("-")) {
                a.positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyPositional = true;
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else if (flagNames.contains(name) && value == null) {
                a.flags.add(name);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return a;
    }

    List<String> all(String name) {
        return options.getOrDefault(name, Collections.emptyList());
    }

    String last(String name, String fallback) {
        List<String> v = all(name);
        return v.isEmpty() ? fallback : v.get(v.size() - 1);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    List<String> positional() {
        return positional;
    }
}
