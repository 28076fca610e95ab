package io.kustos.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Durations are read as Flux (Go) writes them, and as ISO-8601. */
class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S",
            "30s, PT30S",
            "5m, PT5M",
            "1h30m, PT1H30M",
            "1h30m15s, PT1H30M15S",
            "1.5h, PT1H30M",
            ".5s, PT0.5S",
            "2h0m0s, PT2H",
            "1500us, PT0.0015S",
            "1500µs, PT0.0015S",
            "250ns, PT0.00000025S",
            "0, PT0S",
            "-5m, PT-5M",
            "PT5M, PT5M",
            "pt10s, PT10S",
            "P1DT2H, PT26H",
            "' 45s ', PT45S",
    })
    void parses(String text, String iso) {
        assertEquals(Optional.of(Duration.parse(iso)), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 minutes", "5M", "1d", "m", "1h 30m", "1..5s", "s5", "PT", "P5", "--5m",
            "9999999999h"})
    void refuses(String text) {
        assertEquals(Optional.empty(), Durations.parse(text));
    }
}
