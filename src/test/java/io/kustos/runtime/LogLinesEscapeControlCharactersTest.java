package io.kustos.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An image string with a newline (or any control character) from a repo or the cluster is logged
 * escaped, in the message, the MDC and an exception's message: it cannot start a forged log line.
 * The stack trace keeps its own line breaks.
 */
class LogLinesEscapeControlCharactersTest {
    private static final String HOSTILE = "registry.example.com/app:1.0\n12:00:00.000 INFO  Kustos forged line\r\u001b[31m\u0085x";

    @Test
    void theShippedTextFormatEscapesMessageMdcAndExceptionMessages() throws Exception {
        LoggerContext context = new LoggerContext();
        LogConfiguration.apply(context);
        @SuppressWarnings("unchecked")
        var appender = (OutputStreamAppender<ILoggingEvent>) context.getLogger("ROOT").getAppender(LogConfiguration.APPENDER);
        var cause = new IllegalStateException("cause " + HOSTILE);
        var event = event(context, new IllegalArgumentException("bad " + HOSTILE, cause));

        String out = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);

        String[] lines = out.split("\n");
        assertTrue(lines[0].contains("updating image registry.example.com/app:1.0\\n12:00:00.000 INFO  Kustos forged line\\r\\u001b[31m\\u0085x"),
                out);
        assertTrue(lines[0].contains("[environment=staging\\nforged]"), out);
        assertTrue(lines[1].startsWith("java.lang.IllegalArgumentException: bad registry.example.com/app:1.0\\n12:00"), out);
        assertTrue(lines[2].startsWith("\tat "), "the stack trace keeps its line breaks:\n" + out);
        assertTrue(Arrays.stream(lines).anyMatch(l -> l.startsWith("Caused by: java.lang.IllegalStateException: cause registry.example.com/app:1.0\\n")),
                out);
        assertFalse(Arrays.stream(lines).anyMatch(l -> l.startsWith("12:00:00.000")), "no forged line:\n" + out);
        assertFalse(out.contains("\r") || out.contains("\u001b") || out.contains("\u0085"), out);
    }

    @Test
    void jsonLinesAreOneLinePerEvent() {
        LoggerContext context = new LoggerContext();
        String out = new String(LogFormat.encoder(context).encode(event(context, null)), StandardCharsets.UTF_8);
        assertEquals(1, out.strip().split("\n").length, out);
        assertFalse(out.strip().contains("\r") || out.contains("\u001b"), out);
        assertTrue(out.contains("app:1.0\\n12:00:00.000 INFO  Kustos forged line\\r\\u001B[31m"), out);
    }

    private static LoggingEvent event(LoggerContext context, Throwable error) {
        var event = new LoggingEvent(LogLinesEscapeControlCharactersTest.class.getName(), context.getLogger("io.kustos.apply.Applier"),
                Level.WARN, "updating image {}", error, new Object[] {HOSTILE});
        event.setMDCPropertyMap(Map.of("environment", "staging\nforged"));
        return event;
    }
}
