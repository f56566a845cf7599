package io.trailhawk.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhawk.job.detect.AlertRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KafkaSinksTest {
    private static final long EVENT_TIME_2023 = 1688990400000L;

    @Test
    void anAlertIsStampedWhenWritten_notWithItsEventTime() {
        AlertRecord alert = new AlertRecord("r|1".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(new KafkaSinks.AlertSerializer("alerts").serialize(alert, null, EVENT_TIME_2023).timestamp())
                .as("null: the producer stamps it as it sends it").isNull();
    }

    @Test
    void statusAndDeadLetterRecordsAreStampedWhenWritten() {
        assertThat(new KafkaSinks.KeyedStringSerializer("dlq", null).serialize("{}", null, EVENT_TIME_2023).timestamp())
                .isNull();
    }
}
