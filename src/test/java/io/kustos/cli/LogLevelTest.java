package io.kustos.cli;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The commands that report log only warnings; the daemon logs at INFO; -v, -vv and KUSTOS_LOG_LEVEL say otherwise. */
class LogLevelTest {
    @Test
    void reportingCommandsLogWarningsOnlyAndTheDaemonInfo() {
        assertEquals(Level.WARN, LogLevel.of(false, 0, null));
        assertEquals(Level.INFO, LogLevel.of(true, 0, null));
    }

    @Test
    void verboseShowsMore() {
        assertEquals(Level.INFO, LogLevel.of(false, 1, null));
        assertEquals(Level.DEBUG, LogLevel.of(false, 2, null));
        assertEquals(Level.DEBUG, LogLevel.of(true, 1, null));
    }

    @Test
    void theEnvironmentSetsTheLevelWhenNoVerboseFlagIsGiven() {
        assertEquals(Level.DEBUG, LogLevel.of(false, 0, "DEBUG"));
        assertEquals(Level.ERROR, LogLevel.of(true, 0, "error"));
        assertEquals(Level.WARN, LogLevel.of(false, 0, " "));
        assertEquals(Level.INFO, LogLevel.of(false, 1, "ERROR"), "-v wins over the environment");
    }
}
