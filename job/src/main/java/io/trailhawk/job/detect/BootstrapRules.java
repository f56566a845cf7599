package io.trailhawk.job.detect;

import io.trailhawk.rules.load.RulesFile;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The rules active from the first event: the ruleset bundled in the jar, none, or files and directories. */
public final class BootstrapRules {
    /** Where the build puts the default ruleset inside the job jar. */
    public static final String BUNDLED_RESOURCE = "trailhawk/rules";

    private BootstrapRules() {
    }

    /** File name to YAML, in load order. */
    public static Map<String, String> load(String setting) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        if (setting == null || setting.equalsIgnoreCase("none")) {
            return out;
        }
        if (setting.equalsIgnoreCase("bundled")) {
            return bundled();
        }
        List<Path> paths = new ArrayList<>();
        for (String p : setting.split(",")) {
            if (!p.isBlank()) {
                paths.add(Path.of(p.trim()));
            }
        }
        for (RulesFile f : RulesFile.readAll(paths)) {
            out.put(Path.of(f.name()).getFileName().toString(), f.content());
        }
        return out;
    }

    static Map<String, String> bundled() throws IOException {
        URL url = BootstrapRules.class.getClassLoader().getResource(BUNDLED_RESOURCE);
        if (url == null) {
            throw new IOException("the job jar has no bundled rules (" + BUNDLED_RESOURCE + ")");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                return readDir(fs.getPath(BUNDLED_RESOURCE));
            }
            return readDir(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IOException("bad resource location " + url, e);
        }
    }

    private static Map<String, String> readDir(Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")
                    || p.getFileName().toString().endsWith(".yml")).sorted().collect(Collectors.toList());
        }
        for (Path f : files) {
            out.put(f.getFileName().toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
        }
        return out;
    }
}
