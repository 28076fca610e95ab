package io.kustos.config;

import static io.kustos.config.ConfigYaml.MINIMAL;
import static io.kustos.config.ConfigYaml.TARGETS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every git call gives up before the next poll is due: unset, a source's timeout is 60s or half of
 * sync.interval when that is shorter; set to the interval or longer, it is refused at start with a
 * message naming the field and the interval.
 */
class GitTimeoutIsShorterThanTheIntervalTest {
    private static final String RELEASES = "platform/releases.git }";

    static Stream<Arguments> defaults() {
        return Stream.of(
                arguments("", Duration.ofSeconds(30)),                        // the default interval, 1m
                arguments("sync: { interval: 10m }\n", Duration.ofSeconds(60)),
                arguments("sync: { interval: 2m }\n", Duration.ofSeconds(60)),
                arguments("sync: { interval: 90s }\n", Duration.ofSeconds(45)),
                arguments("sync: { interval: 10s }\n", Duration.ofSeconds(5)),
                arguments("sync: { interval: 1s }\n", Duration.ofMillis(500)));
    }

    @ParameterizedTest(name = "{1} with: {0}")
    @MethodSource("defaults")
    void unsetItIsSixtySecondsOrHalfTheInterval(String sync, Duration expected) {
        var config = ConfigYaml.parse(MINIMAL + sync);
        assertEquals(expected, config.sources().config().timeout());
        assertEquals(expected, config.sources().releases().timeout());
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                arguments("sync: { interval: 1m }\n", "59s"),
                arguments("sync: { interval: 10m }\n", "5m"),
                arguments("", "45s"));
    }

    @ParameterizedTest(name = "{1} with {0}")
    @MethodSource("allowed")
    void aTimeoutShorterThanTheIntervalIsTakenAsWritten(String sync, String timeout) {
        var config = ConfigYaml.parse(MINIMAL.replace(RELEASES, "platform/releases.git, timeout: " + timeout + " }") + sync);
        assertEquals(Durations.parse(timeout).orElseThrow(), config.sources().releases().timeout());
    }

    static Stream<Arguments> refused() {
        String tooLong = " is not shorter than sync.interval (%s): a git call must give up before the next poll is due;"
                + " set a shorter timeout or a longer sync.interval";
        return Stream.of(
                arguments(MINIMAL.replace(RELEASES, "platform/releases.git, timeout: 60s }"),
                        "kustos.yaml: sources.releases.timeout: \"60s\"" + tooLong.formatted("1m")),
                arguments(MINIMAL.replace(RELEASES, "platform/releases.git, timeout: 10m }") + "sync: { interval: 5m }\n",
                        "kustos.yaml: sources.releases.timeout: \"10m\"" + tooLong.formatted("5m")),
                arguments("""
                        sources:
                          config:   { url: https://git.example.com/platform/config.git, timeout: 30s }
                          releases: { url: https://git.example.com/platform/releases.git, timeout: 20s }
                        sync: { interval: 30s }
                        """ + TARGETS,
                        "kustos.yaml: sources.config.timeout: \"30s\"" + tooLong.formatted("30s")));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void aTimeoutAsLongAsTheIntervalIsRefusedNamingBoth(String yaml, String expected) {
        assertEquals(expected, ConfigYaml.problems(yaml));
    }
}
