package io.trailhawk.rules.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code pmatch}: true when one of the paths equals the value or is a parent of it, compared component by
 * component ({@code /tmp/hello} matches {@code /tmp/hello/x} but not {@code /tmp/hello_x}). Path components may
 * hold glob wildcards.
 */
final class PathPrefix implements StringMatcher {
    private final String[][] prefixes;
    private final boolean[][] wildcard;

    private PathPrefix(String[][] prefixes, boolean[][] wildcard) {
        this.prefixes = prefixes;
        this.wildcard = wildcard;
    }

    static PathPrefix of(List<String> paths) {
        List<String[]> p = new ArrayList<>();
        for (String path : paths) {
            p.add(components(path));
        }
        String[][] prefixes = p.toArray(new String[0][]);
        boolean[][] wildcard = new boolean[prefixes.length][];
        for (int i = 0; i < prefixes.length; i++) {
            wildcard[i] = new boolean[prefixes[i].length];
            for (int k = 0; k < prefixes[i].length; k++) {
                String c = prefixes[i][k];
                wildcard[i][k] = c.indexOf('*') >= 0 || c.indexOf('?') >= 0 || c.indexOf('[') >= 0;
            }
        }
        return new PathPrefix(prefixes, wildcard);
    }

    /** A path's components, empty ones dropped, as Falco's prefix search splits it. */
    private static String[] components(String path) {
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        return out.toArray(new String[0]);
    }

    @Override
    public boolean matches(String value) {
        String[] parts = components(value);
        for (int i = 0; i < prefixes.length; i++) {
            String[] prefix = prefixes[i];
            if (prefix.length > parts.length) {
                continue;
            }
            boolean all = true;
            for (int k = 0; k < prefix.length && all; k++) {
                all = wildcard[i][k] ? Glob.match(prefix[k], parts[k]) : prefix[k].equals(parts[k]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
