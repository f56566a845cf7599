package io.trailhawk.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Golden files: each {@code NAME.yaml} in a folder of test resources has its expected text in {@code NAME.baseline}
 * beside it. With {@code -Dbaselines.update=true} the baselines are rewritten from what the code gives; review the
 * difference before committing it.
 */
final class GoldenFiles {
    /** What a case file gives, as text. */
    interface Render {
        String of(String name, String content) throws Exception;
    }

    private GoldenFiles() {
    }

    static Stream<DynamicTest> each(String folder, Render render) throws IOException {
        Path dir = Path.of("src", "test", "resources", folder);
        List<Path> cases;
        try (Stream<Path> files = Files.list(dir)) {
            cases = files.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
        assertThat(cases).isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c, render)));
    }

    private static void check(Path yaml, Render render) throws Exception {
        String name = yaml.getFileName().toString();
        String actual = render.of(name, Files.readString(yaml, StandardCharsets.UTF_8));
        Path baseline = yaml.resolveSibling(name.replaceFirst("\\.yaml$", ".baseline"));
        if (Boolean.getBoolean("baselines.update")) {
            Files.writeString(baseline, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(baseline, StandardCharsets.UTF_8));
    }
}
