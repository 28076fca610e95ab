package io.kustos.runtime;

import ch.qos.logback.classic.pattern.MDCConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.kustos.text.ControlCharacters;

/** {@code %mdc} in the log format ({@link LogConfiguration}): the MDC (environment, revision) with control characters escaped. */
public class EscapedMdcConverter extends MDCConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return ControlCharacters.escape(super.convert(event));
    }
}
