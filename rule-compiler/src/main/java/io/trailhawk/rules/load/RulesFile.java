package io.trailhawk.rules.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One rules file: the name it is reported under (and ordered by, on the control topic) and its YAML text. */
public final class RulesFile {
    private final String name;
    private final String content;
    private final boolean shadow;

    private RulesFile(String name, String content, boolean shadow) {
        this.name = Objects.requireNonNull(name, "name");
        this.content = Objects.requireNonNull(content, "content");
        this.shadow = shadow;
    }

    public static RulesFile of(String name, String content) {
        return new RulesFile(name, content, false);
    }

    public static RulesFile read(Path path) throws IOException {
        return new RulesFile(path.toString(), new String(Files.readAllBytes(path), StandardCharsets.UTF_8), false);
    }

    /**
     * Expands paths as Falco does: files in the order given, each directory's {@code .yaml}/{@code .yml} regular
     * files in alphabetical order, not recursing.
     */
    public static List<RulesFile> readAll(List<Path> paths) throws IOException {
        List<RulesFile> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(p)) {
                    files = s.filter(Files::isRegularFile).filter(RulesFile::isYaml).sorted(
                            (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                            .collect(Collectors.toList());
                }
                for (Path f : files) {
                    out.add(read(f));
                }
            } else if (Files.isRegularFile(p)) {
                out.add(read(p));
            } else {
                throw new IOException("rules path does not exist: " + p);
            }
        }
        return out;
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    public String name() {
        return name;
    }

    public String content() {
        return content;
    }

    /**
     * This file in shadow: every rule it defines alerts only where shadow alerts go, and it may not change the
     * lists, macros and rules of other files.
     */
    public RulesFile asShadow() {
        return new RulesFile(name, content, true);
    }

    public boolean inShadow() {
        return shadow;
    }
}
