package io.kustos.runtime;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

import java.util.Iterator;

/**
 * {@code --log-format json}: every log line becomes one JSON object (logback's JsonEncoder:
 * timestamp, level, logger, thread, the formatted message, the MDC with environment and revision,
 * and the exception if any), on the same stream as the text lines (stderr).
 */
public final class LogFormat {
    private LogFormat() {
    }

    /** Switches the console appenders of the root logger to JSON lines. */
    public static void json() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
                JsonEncoder encoder = encoder(context);
                console.stop();
                console.setEncoder(encoder);
                console.start();
            }
        }
    }

    /** The started JSON encoder: JSON strings escape every control character, so each event stays one line. */
    static JsonEncoder encoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithContext(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithArguments(false);
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }
}
