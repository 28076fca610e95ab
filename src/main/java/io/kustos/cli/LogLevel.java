package io.kustos.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much Kustos logs (to stderr) while a command runs. A command that reports (apply, diff,
 * history, ...) prints its report and nothing else: its logs are at WARN. {@code kustos run} has no
 * report but its log, so it logs at INFO. {@code -v} shows one level more (INFO; DEBUG for run),
 * {@code -vv} DEBUG; without {@code -v}, {@code KUSTOS_LOG_LEVEL} sets the level.
 */
final class LogLevel {
    private LogLevel() {
    }

    /** The level for a command; {@code daemon} for {@code kustos run}, {@code env} the value of KUSTOS_LOG_LEVEL or null. */
    static Level of(boolean daemon, int verbosity, String env) {
        Level base = daemon ? Level.INFO : Level.WARN;
        if (verbosity == 0) {
            return env == null || env.isBlank() ? base : Level.toLevel(env.strip(), base);
        }
        return verbosity == 1 && !daemon ? Level.INFO : Level.DEBUG;
    }

    /** Sets the level of Kustos's own loggers ({@code io.kustos}). */
    static void apply(Level level) {
        if (LoggerFactory.getLogger("io.kustos") instanceof Logger kustos) {
            kustos.setLevel(level);
        }
    }
}
