package io.kustos.runtime;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.kustos.text.ControlCharacters;

import java.util.Arrays;

/**
 * {@code %ex} in the log format ({@link LogConfiguration}): the stack trace with its own line breaks, but the message of each
 * exception (and of its causes and suppressed ones) with control characters escaped.
 */
public class EscapedThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return super.throwableProxyToString(escaped(tp));
    }

    private static IThrowableProxy escaped(IThrowableProxy tp) {
        return tp == null ? null : new Escaped(tp);
    }

    private record Escaped(IThrowableProxy tp) implements IThrowableProxy {
        @Override
        public String getOverridingMessage() {
            return ControlCharacters.escape(tp.getOverridingMessage());
        }

        @Override
        public String getMessage() {
            return ControlCharacters.escape(tp.getMessage());
        }

        @Override
        public String getClassName() {
            return tp.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return tp.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return tp.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return tp.isCyclic() ? tp.getCause() : escaped(tp.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] s = tp.getSuppressed();
            return s == null ? null : Arrays.stream(s).map(EscapedThrowableConverter::escaped).toArray(IThrowableProxy[]::new);
        }

        @Override
        public boolean isCyclic() {
            return tp.isCyclic();
        }
    }
}
