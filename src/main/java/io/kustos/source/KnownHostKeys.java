package io.kustos.source;

import io.kustos.config.GitAuth;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.transport.sshd.OpenSshServerKeyDatabase;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * The default ssh host key policy, as git's: a host key must be listed in the source's
 * knownHostsFile or, when it has none, in ~/.ssh/known_hosts or /etc/ssh/ssh_known_hosts; an
 * unknown or changed key is refused (nothing is added to any file). The last refusal is kept so
 * the error can say which host, which key and what to do.
 */
final class KnownHostKeys implements ServerKeyDatabase {
    private final List<Path> files;
    private final ServerKeyDatabase database;
    private volatile HostKeyRefusal refusal;

    KnownHostKeys(List<Path> files) {
        this.files = List.copyOf(files);
        this.database = new OpenSshServerKeyDatabase(false, this.files);
    }

    /**
     * The known_hosts files a source checks: its knownHostsFile, or else those of the user and the
     * system that exist (git's defaults).
     */
    static List<Path> files(GitAuth auth, Path userHome) {
        if (auth.knownHostsFile() != null) {
            return List.of(auth.knownHostsFile().toAbsolutePath());
        }
        return Stream.of(userHome.resolve(".ssh").resolve("known_hosts"), Path.of("/etc/ssh/ssh_known_hosts"))
                .filter(Files::isRegularFile).toList();
    }

    List<Path> files() {
        return files;
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return files.isEmpty() ? List.of() : database.lookup(connectAddress, remoteAddress, new Strict(config));
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        if (!files.isEmpty() && database.accept(connectAddress, remoteAddress, serverKey, new Strict(config), provider)) {
            refusal = null;
            return true;
        }
        boolean changed = !lookup(connectAddress, remoteAddress, config).isEmpty();
        refusal = new HostKeyRefusal(connectAddress, serverKey, files, changed);
        return false;
    }

    /**
     * The ssh configuration as the file database sees it: exactly {@link #files} (no file named in
     * the ssh config), and a key must match.
     */
    private record Strict(Configuration config) implements Configuration {
        @Override
        public List<String> getUserKnownHostsFiles() {
            return List.of();
        }

        @Override
        public List<String> getGlobalKnownHostsFiles() {
            return List.of();
        }

        @Override
        public StrictHostKeyChecking getStrictHostKeyChecking() {
            return StrictHostKeyChecking.REQUIRE_MATCH;
        }

        @Override
        public boolean getHashKnownHosts() {
            return config.getHashKnownHosts();
        }

        @Override
        public String getUsername() {
            return config.getUsername();
        }
    }

    /** Why the last host key was refused, or null. */
    HostKeyRefusal refusal() {
        return refusal;
    }
}
