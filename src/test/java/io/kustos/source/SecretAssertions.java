package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Checks that a secret appears in no message of an exception chain, nor in its printed stack trace. */
final class SecretAssertions {
    private SecretAssertions() {
    }

    static void assertNowhere(String secret, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            assertFalse(message.contains(secret), "secret in message of " + t.getClass().getName() + ": " + message);
        }
        var trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(secret), "secret in the stack trace");
    }
}
