package io.kustos.source;

import java.util.Locale;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Turns what JGit throws into a {@link SourceException} whose message names the source, the URL
 * (without a password) and what went wrong, and whose cause chain carries no secret.
 */
final class SourceErrors {
    private SourceErrors() {
    }

    static SourceException translate(String source, String url, String action, Exception e, Redactor redactor) {
        String where = "source '" + source + "' (" + Redactor.url(url) + "): ";
        // JGit starts its messages with the URL, which is already named
        String detail = redactor.text(rootMessage(e).replace(url + ": ", "").replace(Redactor.url(url) + ": ", ""));
        String what = switch (kind(e)) {
            case AUTH -> "authentication failed";
            case HOST_KEY -> "ssh host key not accepted (check knownHostsFile)";
            case NOT_FOUND -> "repository not found";
            case OTHER -> action + " failed";
        };
        return new SourceException(where + what + ": " + detail, redactor.chain(e));
    }

    enum Kind { AUTH, HOST_KEY, NOT_FOUND, OTHER }

    static Kind kind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoRemoteRepositoryException) {
                return Kind.NOT_FOUND;
            }
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("not authorized") || m.contains("authentication") || m.contains("auth fail")
                    || m.contains("no more authentication methods") || m.contains("permission denied")) {
                return Kind.AUTH;
            }
            if (m.contains("server key") || m.contains("host key")) {
                return Kind.HOST_KEY;
            }
        }
        return Kind.OTHER;
    }

    /** The top message, and the deepest cause's when it says something the top one does not. */
    private static String rootMessage(Throwable e) {
        String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String root = null;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                root = t.getMessage();
            }
        }
        return root == null || top.contains(root) ? top : top + " (" + root + ")";
    }
}
