package io.trailhawk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** {@code --command-config FILE}: Kafka client settings (security, SASL, TLS) for the commands that talk to Kafka. */
final class KafkaClientOption {
    private KafkaClientOption() {
    }

    /** The file's properties, or none when the option is not given. */
    static Properties load(Arguments args) throws IOException {
        Properties client = new Properties();
        String cfg = args.last("command-config", null);
        if (cfg != null) {
            try (InputStream in = Files.newInputStream(Path.of(cfg))) {
                client.load(in);
            }
        }
        return client;
    }
}
