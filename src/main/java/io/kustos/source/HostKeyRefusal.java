package io.kustos.source;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.transport.URIish;

/**
 * An ssh host key that was not accepted.
 *
 * @param host    as ssh writes it in known_hosts: {@code host}, or {@code [host]:port} for another port than 22
 * @param key     the key the server showed
 * @param checked the known_hosts files that were read (none: there was no file to read)
 * @param changed a file lists other keys for this host: the server's key changed, or someone is in between
 */
record HostKeyRefusal(String host, PublicKey key, List<Path> checked, boolean changed) {
    /** The message for source {@code source} with remote {@code url}: what is wrong and what to do. */
    String describe(String source, String url) {
        String shown = KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
        String field = "sources." + source + ".auth.knownHostsFile";
        String files = checked.stream().map(Path::toString).collect(Collectors.joining(", "));
        if (changed) {
            return "ssh host key of " + host + " changed: the server shows " + shown + ", which is not the key listed in "
                    + files + "; someone may be intercepting the connection. If the server's key was replaced on purpose,"
                    + " replace its line in the file (" + keyscan(url) + ", and check the fingerprint with the server's admin)";
        }
        String where = checked.isEmpty() ? "no known_hosts file: " + field + " is not set and ~/.ssh/known_hosts does not exist"
                : "not in " + files;
        return "ssh host key of " + host + " is unknown (" + shown + "; " + where + "): check the fingerprint with"
                + " the server's admin, then add it to " + field + " (" + keyscan(url) + " >> known_hosts)"
                + ", or set sources." + source + ".auth.insecureIgnoreHostKey: true to accept any host key (unsafe)";
    }

    /** The ssh-keyscan command line that prints the server's known_hosts lines. */
    static String keyscan(String url) {
        try {
            var uri = new URIish(url);
            int port = uri.getPort();
            return "ssh-keyscan " + (port > 0 && port != 22 ? "-p " + port + " " : "") + uri.getHost();
        } catch (java.net.URISyntaxException e) {
            return "ssh-keyscan <host>";
        }
    }
}
