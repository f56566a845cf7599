package io.trailhawk.rules.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The alert's times, written by hand for speed, read exactly as the calendar classes print them. */
class EventTimeFormatTest {
    private static List<Long> instants() {
        List<Long> out = new ArrayList<>();
        for (String t : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
            "2000-02-29T12:34:56.000000001Z", "1900-03-01T00:00:00Z", "2024-02-29T23:59:59Z", "2023-12-31T23:59:59Z",
            "2024-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2100-03-01T00:00:00Z"}) {
            Instant i = Instant.parse(t);
            out.add(i.getEpochSecond() * 1_000_000_000L + i.getNano());
        }
        SplittableRandom r = new SplittableRandom(20261204L);
        for (int k = 0; k < 200_000; k++) {
            out.add(r.nextLong(-4_000_000_000_000_000_000L, 4_000_000_000_000_000_000L));
        }
        out.add(Long.MIN_VALUE);
        out.add(Long.MAX_VALUE);
        return out;
    }

    @Test
    void utcTimestamp_isTheCalendarsDateAndClock_forEveryInstantALongHolds() {
        for (long n : instants()) {
            ZonedDateTime t = EventTime.at(n, ZoneOffset.UTC);
            assertThat(EventTime.utcTimestamp(n)).as("%d", n)
                    .isEqualTo(EventTime.date(t) + "T" + EventTime.clock(t, true) + "Z");
        }
    }

    @Test
    void iso8601_isTheCalendarsDateAndClock_withItsOffset() {
        for (long n : instants()) {
            ZonedDateTime t = EventTime.at(n, ZoneOffset.UTC);
            assertThat(EventTime.iso8601(n)).as("%d", n)
                    .isEqualTo(EventTime.date(t) + "T" + EventTime.clock(t, true) + "+0000");
        }
    }

    @Test
    void localClock_isTheCalendarsClockInTheDefaultZone() {
        for (long n : instants()) {
            assertThat(EventTime.localClock(n)).as("%d", n)
                    .isEqualTo(EventTime.clock(EventTime.at(n, ZoneId.systemDefault()), true));
        }
    }
}
