package io.kustos.source;

import io.kustos.failure.KustosException;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.URIish;

/**
 * Turns what JGit throws into an exception whose message names the source, the URL (without a
 * password) and what went wrong, and whose cause chain carries no secret: a
 * {@link SourceConfigException} (exit 3) when the settings do not fit the remote, else a
 * {@link SourceException} (exit 5, try again).
 */
final class SourceErrors {
    private SourceErrors() {
    }

    /** {@code source 'config' (https://git.example.com/config.git): } */
    static String where(String source, String url) {
        return "source '" + source + "' (" + Redactor.url(url) + "): ";
    }

    static KustosException translate(String source, String url, String action, Exception e, Redactor redactor) {
        String where = where(source, url);
        return switch (kind(e)) {
            case NOT_FOUND -> new SourceConfigException(where + "repository not found; check the path in sources." + source
                    + ".url (and, for a private repository, that the credentials may read it)", redactor.chain(e));
            case UNRESOLVED_HOST -> new SourceException(where + "cannot resolve host " + host(url) + " of source " + source
                    + "; check the host name in sources." + source + ".url and the DNS", redactor.chain(e));
            case AUTH -> new SourceException(where + "authentication failed: " + detail(url, e, redactor), redactor.chain(e));
            case HOST_KEY -> new SourceConfigException(where + "ssh host key not accepted (check sources." + source
                    + ".auth.knownHostsFile): " + detail(url, e, redactor), redactor.chain(e));
            case OTHER -> new SourceException(where + action + " failed: " + detail(url, e, redactor), redactor.chain(e));
        };
    }

    /** A branch the remote does not have: fix kustos.yaml, or push the branch. */
    static SourceConfigException branchNotFound(String source, String url, String branch, java.util.Collection<Ref> advertised) {
        return new SourceConfigException(where(source, url) + "branch '" + branch + "' not found (" + branches(advertised)
                + "); set sources." + source + ".branch to a branch the repository has, or push branch '" + branch + "'", null);
    }

    private static final int BRANCHES_SHOWN = 10;

    /** The branches a remote advertised, at most {@value #BRANCHES_SHOWN} by name. */
    private static String branches(java.util.Collection<Ref> advertised) {
        List<String> names = advertised.stream().map(Ref::getName).filter(n -> n.startsWith(Constants.R_HEADS))
                .map(n -> n.substring(Constants.R_HEADS.length())).sorted().toList();
        if (names.isEmpty()) {
            return "it has no branches";
        }
        String shown = String.join(", ", names.subList(0, Math.min(BRANCHES_SHOWN, names.size())));
        return "branches there: " + shown + (names.size() > BRANCHES_SHOWN ? ", and " + (names.size() - BRANCHES_SHOWN) + " more" : "");
    }

    enum Kind { AUTH, HOST_KEY, NOT_FOUND, UNRESOLVED_HOST, OTHER }

    static Kind kind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoRemoteRepositoryException) {
                return Kind.NOT_FOUND;
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return Kind.UNRESOLVED_HOST;
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

    private static String host(String url) {
        try {
            String host = new URIish(url).getHost();
            return host == null ? Redactor.url(url) : host;
        } catch (URISyntaxException e) {
            return Redactor.url(url);
        }
    }

    /** JGit's message without the URL it starts with (already named), and without secrets. */
    private static String detail(String url, Throwable e, Redactor redactor) {
        return redactor.text(rootMessage(e).replace(url + ": ", "").replace(Redactor.url(url) + ": ", ""));
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
