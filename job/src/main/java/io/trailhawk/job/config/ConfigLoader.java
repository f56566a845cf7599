package io.trailhawk.job.config;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Builds the {@link JobConfig} from wherever the job runs: Managed Flink's application properties when present,
 * otherwise {@code --key value} arguments and an optional {@code --config FILE} (properties or YAML).
 */
public final class ConfigLoader {
    /** The property group whose keys are taken as they are; other groups prefix their keys with the group id. */
    public static final String MAIN_GROUP = "Trailhawk";

    private ConfigLoader() {
    }

    public static JobConfig load(String[] args) throws IOException {
        Map<String, Properties> groups = KinesisAnalyticsRuntime.getApplicationProperties();
        if (groups != null && !groups.isEmpty()) {
            return fromPropertyGroups(groups);
        }
        return fromArgs(args);
    }

    /** Managed Flink property groups: group {@code Trailhawk} as is, any other group G as {@code G.key}. */
    public static JobConfig fromPropertyGroups(Map<String, Properties> groups) {
        Map<String, String> raw = new LinkedHashMap<>();
        groups.forEach((group, props) -> props.stringPropertyNames().forEach(k -> {
            String key = group.equalsIgnoreCase(MAIN_GROUP) ? k : group + "." + k;
            raw.put(key, props.getProperty(k));
        }));
        return JobConfig.of(raw, true);
    }

    /** A Managed Flink application-properties JSON file, as the service writes it. */
    public static JobConfig fromApplicationPropertiesFile(Path file) throws IOException {
        return fromPropertyGroups(KinesisAnalyticsRuntime.getApplicationProperties(file.toString()));
    }

    public static JobConfig fromArgs(String[] args) throws IOException {
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> fromArgs = new LinkedHashMap<>();
        String configFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + a + "': use --key value");
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new ConfigException("missing value for --" + key);
                }
                value = args[++i];
            }
            if (key.equals("config")) {
                configFile = value;
            } else {
                fromArgs.put(key, value);
            }
        }
        if (configFile != null) {
            raw.putAll(readFile(Path.of(configFile)));
        }
        raw.putAll(fromArgs);
        return JobConfig.of(raw, false);
    }

    static Map<String, String> readFile(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            Object doc = new Load(LoadSettings.builder().build())
                    .loadFromString(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            if (doc != null && !(doc instanceof Map)) {
                throw new ConfigException(file + ": a YAML configuration file must be a map of keys");
            }
            if (doc != null) {
                flatten("", (Map<?, ?>) doc, out);
            }
        } else {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file); Reader r = new java.io.InputStreamReader(in,
                    StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        }
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> m, Map<String, String> out) {
        m.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map) {
                flatten(key, (Map<?, ?>) v, out);
            } else if (v != null) {
                out.put(key, String.valueOf(v));
            }
        });
    }
}
