package io.kustos.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Kustos's logging, set up in code (logback finds it through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}) rather than from a logback.xml:
 * reading XML cost every command about 0.1 s (logback's Joran and the JDK's XML parser; issue 18
 * point 1). Logs go to stderr, so that command output (diffs, reports) on stdout stays clean, as
 * {@link #PATTERN}; messages, MDC values and exception messages have their control characters
 * escaped (a value with a newline cannot forge a log line). Kustos's loggers ({@code io.kustos})
 * log at {@code KUSTOS_LOG_LEVEL} (default INFO; the commands set their own, see the CLI's
 * LogLevel), the libraries' at WARN. A {@code logback.configurationFile} or a
 * {@code logback-test.xml} (the tests') takes precedence.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {
    /** The text format: the MDC in [] only when it has entries. */
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} %msg%replace( [%mdc]){' \\[\\]$', ''}%n%ex";
    /** The appender's name. */
    public static final String APPENDER = "STDERR";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfiguration.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets {@code context} up as Kustos ships it. */
    public static void apply(LoggerContext context) {
        Map<String, Supplier<DynamicConverter>> rules = new HashMap<>();
        rules.put("msg", EscapedMessageConverter::new);
        rules.put("mdc", EscapedMdcConverter::new);
        rules.put("ex", EscapedThrowableConverter::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);

        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        var appender = new ConsoleAppender<ILoggingEvent>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();

        String level = System.getProperty("KUSTOS_LOG_LEVEL", System.getenv("KUSTOS_LOG_LEVEL"));
        context.getLogger("io.kustos").setLevel(Level.toLevel(level, Level.INFO));
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
    }
}
