package io.kustos.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.kustos.runtime.LogConfiguration;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The shipped log format (LogConfiguration): a log line ends with its MDC in brackets only when it has some, never in empty {@code []}. */
class LogLinesShowTheMdcOnlyWhenSetTest {
    private static String line(String pattern, Map<String, String> mdc) {
        var context = new LoggerContext();
        var layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        var event = new LoggingEvent("x", context.getLogger("io.kustos.Example"), Level.INFO, "hello", null, null);
        event.setMDCPropertyMap(mdc);
        return layout.doLayout(event);
    }

    @Test
    void emptyMdcLeavesNoBrackets() throws Exception {
        String pattern = LogConfiguration.PATTERN;
        assertTrue(line(pattern, Map.of()).endsWith(" INFO  Example hello" + System.lineSeparator()), line(pattern, Map.of()));
        String withMdc = line(pattern, Map.of("environment", "staging"));
        assertTrue(withMdc.endsWith(" INFO  Example hello [environment=staging]" + System.lineSeparator()), withMdc);
    }
}
