package io.kustos.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The shipped logback.xml: a log line ends with its MDC in brackets only when it has some, never in empty {@code []}. */
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
        var m = Pattern.compile("<pattern>(.*)</pattern>").matcher(Files.readString(Path.of("src/main/resources/logback.xml")));
        assertTrue(m.find(), "no pattern in logback.xml");
        String pattern = m.group(1);
        assertTrue(line(pattern, Map.of()).endsWith(" INFO  Example hello" + System.lineSeparator()), line(pattern, Map.of()));
        String withMdc = line(pattern, Map.of("environment", "staging"));
        assertTrue(withMdc.endsWith(" INFO  Example hello [environment=staging]" + System.lineSeparator()), withMdc);
    }
}
