package io.trailhawk.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The signing key read from Secrets Manager. No Secrets Manager emulator is available to this build, so a loopback
 * server answers GetSecretValue in the service's JSON protocol (the request's target header and body, the response's
 * members and error shape), and the job's real SDK client talks to it.
 */
class SigningKeySecretTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:trailhawk/signing-AbCdEf";

    private HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private String previousKeyId;
    private String previousSecret;

    @BeforeEach
    void start() throws IOException {
        previousKeyId = System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        previousSecret = System.setProperty("aws.secretAccessKey", "secret");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            JsonNode body = MAPPER.readTree(exchange.getRequestBody());
            requests.add(body);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            boolean known = "secretsmanager.GetSecretValue".equals(target) && ARN.equals(body.path("SecretId").asText());
            byte[] reply = (known
                    ? "{\"ARN\":\"" + ARN + "\",\"Name\":\"trailhawk/signing\",\"SecretString\":\"  s3cret-key\\n\","
                            + "\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"]}"
                    : "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the "
                            + "specified secret.\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(known ? 200 : 400, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        restore("aws.accessKeyId", previousKeyId);
        restore("aws.secretAccessKey", previousSecret);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private JobConfig config(String secret) {
        return JobConfig.of(Map.of("kafka.bootstrap-servers", "127.0.0.1:9092", "source.kafka.topics", "t",
                "rules.signing-key-secret", secret,
                "rules.signing-key-secret-endpoint", "http://127.0.0.1:" + server.getAddress().getPort()), true);
    }

    @Test
    void theSigningKey_isTheSecretsText_readOnceWithTheRegionOfItsArn() {
        assertThat(config(ARN).signingKey()).isEqualTo("s3cret-key");
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.get("SecretId").asText()).isEqualTo(ARN));
        assertThat(SecretsManagerSecret.regionOf(ARN).id()).isEqualTo("eu-west-1");
        assertThat(SecretsManagerSecret.regionOf("trailhawk/signing")).isNull();
    }

    @Test
    void aSecretThatCannotBeRead_stopsTheJobWithTheKeyNamed() {
        assertThatThrownBy(() -> config(ARN.replace("signing", "missing")).signingKey())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rules.signing-key-secret: cannot read secret")
                .hasMessageContaining("can't find the specified secret");
    }

    @Test
    void aKeyAndASecretTogether_areRefused() {
        JobConfig both = JobConfig.of(Map.of("kafka.bootstrap-servers", "127.0.0.1:9092", "source.kafka.topics", "t",
                "rules.signing-key", "k", "rules.signing-key-secret", ARN), false);
        assertThatThrownBy(both::signingKey).hasMessageContaining("are both set");
    }
}
