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

    private LogCapture(Logger logger) {
        this.logger = logger;
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    public static LogCapture start() {
        if (!(LoggerFactory.getLogger("io.kustos") instanceof Logger kustos)) {
            throw new IllegalStateException("logback is not the slf4j binding");
        }
        return new LogCapture(kustos);
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
    }
}
