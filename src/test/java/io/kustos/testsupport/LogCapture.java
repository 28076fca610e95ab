package io.kustos.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Keeps every logging event of Kustos's own loggers ({@code io.kustos}) while open, with what
 * {@code --log-format json} prints of it: message, level, thread and MDC. For a command run
 * in-process ({@link KustosRun}), at the level it sets ({@code -vv}: DEBUG).
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final ch.qos.logback.classic.Level before;

    private LogCapture(Logger logger, ch.qos.logback.classic.Level level) {
        this.logger = logger;
        this.before = logger.getLevel();
        if (level != null) {
            logger.setLevel(level);
        }
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    /**
     * Keeps the events at the level the test configuration gives Kustos's loggers (INFO), whatever
     * level an earlier command in this JVM left ({@code kustos demo} sets ERROR, a report command
     * WARN): which tests share a JVM depends on the fork they land in.
     */
    public static LogCapture start() {
        return new LogCapture(kustos(), ch.qos.logback.classic.Level.INFO);
    }

    /**
     * Keeps the events down to {@code level}, whatever level an earlier command in this JVM left
     * on Kustos's loggers (the CLI sets it per command); the level before is restored on close.
     */
    public static LogCapture atLevel(ch.qos.logback.classic.Level level) {
        return new LogCapture(kustos(), level);
    }

    private static Logger kustos() {
        if (!(LoggerFactory.getLogger("io.kustos") instanceof Logger kustos)) {
            throw new IllegalStateException("logback is not the slf4j binding");
        }
        return kustos;
    }

    /** The events so far, in the order they were logged. */
    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(before);
    }
}
