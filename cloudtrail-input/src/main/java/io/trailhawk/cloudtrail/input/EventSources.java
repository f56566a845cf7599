package io.trailhawk.cloudtrail.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Expands event paths: files as given, directories walked recursively for CloudTrail log files, sorted. */
public final class EventSources {
    private EventSources() {
    }

    public static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    out.addAll(s.filter(Files::isRegularFile).filter(EventSources::isEventFile).sorted()
                            .collect(Collectors.toList()));
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IOException("no such file or directory: " + p);
            }
        }
        return out;
    }

    static boolean isEventFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".json.gz") || n.endsWith(".jsonl") || n.endsWith(".jsonl.gz")
                || n.endsWith(".ndjson");
    }
}
