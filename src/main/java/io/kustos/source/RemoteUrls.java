package io.kustos.source;

import java.net.URISyntaxException;
import java.util.Set;
import org.eclipse.jgit.transport.URIish;

/** What kind of remote a source URL names. */
final class RemoteUrls {
    private static final Set<String> SSH_SCHEMES = Set.of("ssh", "ssh+git", "git+ssh");

    private RemoteUrls() {
    }

    /** ssh:// or scp-like {@code user@host:path}. */
    static boolean isSsh(String url) {
        try {
            var uri = new URIish(url);
            String scheme = uri.getScheme();
            return scheme == null ? uri.getHost() != null : SSH_SCHEMES.contains(scheme.toLowerCase());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
