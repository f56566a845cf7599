package io.trailhawk.rules.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventTimeParseTest {
    /** What the general parser says: the reference for CloudTrail's own form. */
    private static Long general(String text) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(text);
            return Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            // Outside the years a long of nanoseconds holds (1677 to 2262): no time at all.
            return null;
        }
    }

    @Test
    void cloudTrailsForm_givesWhatTheGeneralParserGives_acrossTheCalendar() {
        Random random = new Random(3);
        for (int k = 0; k < 20_000; k++) {
            String text = String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", random.nextInt(10_000), 1 + random.nextInt(13),
                    random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61));
            assertThat(EventTime.parse(text)).as(text).isEqualTo(general(text));
        }
        for (String text : new String[] {"2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
            "2000-02-29T12:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "0000-03-01T00:00:00Z",
            "2023-07-10T12:00:00.123Z", "2023-07-10T12:00:00+02:00", "2023-07-1OT12:00:00Z", "2023-07-10 12:00:00Z",
            "2262-04-11T23:47:16Z", "2262-04-11T23:47:17Z", "1677-09-21T00:12:44Z", "1677-09-21T00:12:43Z",
            "2300-01-01T00:00:00Z", "1600-01-01T00:00:00Z"}) {
            assertThat(EventTime.parse(text)).as(text).isEqualTo(general(text));
        }
    }
}
