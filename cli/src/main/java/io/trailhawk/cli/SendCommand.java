package io.trailhawk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhawk.control.ControlTopics;
import io.trailhawk.cloudtrail.input.CloudTrailDecoder;
import io.trailhawk.cloudtrail.input.RecordCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** {@code trailhawk send}: writes CloudTrail records from files (or stdin) to the event topic, one record each. */
final class SendCommand {
    static final String USAGE = "trailhawk send [--bootstrap-servers HOST:PORT] [--topic TOPIC] "
            + "[--command-config FILE] EVENTS...";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SendCommand() {
    }

    static int run(List<String> argv, InputStream stdin, PrintStream out, PrintStream err) throws UsageException {
        Arguments args = Arguments.parse(argv, Set.of("bootstrap-servers", "topic", "command-config"), Set.of());
        if (args.positional().isEmpty()) {
            throw new UsageException("send needs EVENTS: files, directories or - for stdin");
        }
        String topic = args.last("topic", ControlTopics.EVENTS);
        List<JsonNode> records = new ArrayList<>();
        Properties p = new Properties();
        try {
            for (String e : args.positional()) {
                RecordCollector c;
                if (e.equals("-")) {
                    c = new RecordCollector();
                    new CloudTrailDecoder().decode(stdin.readAllBytes(), "<stdin>", c);
                } else {
                    c = RecordCollector.fromFiles(List.of(Path.of(e)));
                }
                records.addAll(c.records());
                c.malformed().forEach(m -> err.println(m.replaceFirst(": ", ": malformed record: ")));
            }
            p.putAll(KafkaClientOption.load(args));
        } catch (IOException e) {
            err.println("trailhawk send: " + e.getMessage());
            return 1;
        }
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args.last("bootstrap-servers", "127.0.0.1:9092"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (JsonNode r : records) {
                producer.send(new ProducerRecord<>(topic, r.path("eventID").asText("").getBytes(StandardCharsets.UTF_8),
                        MAPPER.writeValueAsBytes(r))).get();
            }
        } catch (IOException | ExecutionException e) {
            err.println("trailhawk send: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        out.println("sent " + records.size() + " events to " + topic);
        return 0;
    }
}
