package io.kustos.source;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it reaches a log line or an exception message: the known
 * secret values (password, token) and any password written in a URL's user-info.
 */
final class Redactor {
    static final String MASK = "***";
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/@:\\s]*):[^/@\\s]*@");

    private final List<String> secrets;

    Redactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
    }

    static Redactor none() {
        return new Redactor(List.of());
    }

    /** The URL without the password of its user-info: {@code https://user@host/x.git}. */
    static String url(String url) {
        return url == null ? null : URL_PASSWORD.matcher(url).replaceAll("$1@");
    }

    String text(String text) {
        if (text == null) {
            return null;
        }
        String out = url(text);
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    /**
     * A copy of the throwable chain whose messages are redacted, keeping the classes' names and
     * the stack traces, so a logged cause cannot leak a secret either.
     */
    Throwable chain(Throwable t) {
        return chain(t, 0);
    }

    private Throwable chain(Throwable t, int depth) {
        if (t == null || depth > 16) {
            return null;
        }
        var copy = new RedactedThrowable(t.getClass().getName() + ": " + text(t.getMessage()),
                chain(t.getCause(), depth + 1));
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    /** Stands in for a library exception whose message was redacted. */
    static final class RedactedThrowable extends Exception {
        RedactedThrowable(String message, Throwable cause) {
            super(message, cause, false, true);
        }
    }
}
