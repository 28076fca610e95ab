package io.kustos.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Durations in messages read as in kustos.yaml ({@code 30s}), never as ISO-8601 ({@code PT30S}). */
class DurationFormatTest {
    @Test
    void printsDurationsAsKustosYamlWritesThem() {
        assertEquals("30s", Durations.format(Duration.ofSeconds(30)));
        assertEquals("1m", Durations.format(Duration.ofMinutes(1)));
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("2h", Durations.format(Duration.ofHours(2)));
        assertEquals("1h5s", Durations.format(Duration.ofSeconds(3605)));
        assertEquals("1.5s", Durations.format(Duration.ofMillis(1500)));
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        assertEquals("26h", Durations.format(Duration.ofHours(26)));
    }

    @Test
    void whatItPrintsParsesBackToTheSameDuration() {
        for (Duration d : new Duration[] {Duration.ofSeconds(30), Duration.ofSeconds(3723), Duration.ofMillis(1500), Duration.ofMillis(250)}) {
            assertEquals(d, Durations.parse(Durations.format(d)).orElseThrow(), Durations.format(d));
        }
    }
}
