package io.kustos.runtime;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.kustos.text.ControlCharacters;

/** {@code %msg} in the log format ({@link LogConfiguration}): the formatted message with its control characters escaped, one line per event. */
public class EscapedMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return ControlCharacters.escape(super.convert(event));
    }
}
