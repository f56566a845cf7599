package io.trailhawk.job.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.job.config.Option;
import io.trailhawk.job.config.TrailhawkOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's configuration table and the job's options are the same list: neither can drift from the other. */
class ConfigurationReferenceTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.*-]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

    static String row(Option o) {
        String key = o.isPrefix() ? o.key() + "*" : o.key();
        String def = o.defaultValue() == null ? "" : "`" + o.defaultValue() + "`";
        return "| `" + key + "` | " + def + " | " + o.description() + " |";
    }

    @Test
    void readmeTable_listsEveryOptionWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = ROW.matcher(readme);
        while (m.find()) {
            documented.put(m.group(1), m.group(2).trim());
        }
        StringBuilder expected = new StringBuilder();
        for (Option o : TrailhawkOptions.ALL) {
            expected.append(row(o)).append('\n');
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (Option o : TrailhawkOptions.ALL) {
            wanted.put(o.isPrefix() ? o.key() + "*" : o.key(),
                    o.defaultValue() == null ? "" : "`" + o.defaultValue() + "`");
        }
        assertThat(documented).as("README configuration table; expected rows:\n" + expected)
                .containsExactlyInAnyOrderEntriesOf(wanted);
    }
}
