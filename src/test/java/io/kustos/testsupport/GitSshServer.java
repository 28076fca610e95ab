package io.kustos.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;

/**
 * A real ssh git server on 127.0.0.1 (a free port) for ITs: Apache MINA SSHD with public-key
 * authentication against one allowed key, running real git's upload-pack / receive-pack on the
 * bare repositories under a directory. The host key is made fresh for each server; write
 * {@link #knownHostsLine()} to a known_hosts file to have it checked.
 *
 * <pre>{@code
 * PublicKey clientKey = SshKeys.generate(tmp.resolve("id_test"));
 * try (var server = GitSshServer.start(reposDir, clientKey)) {
 *     String url = server.url("config.git");      // ssh://git@127.0.0.1:<port>/config.git
 *     Files.writeString(tmp.resolve("known_hosts"), server.knownHostsLine() + "\n");
 * }
 * }</pre>
 */
public final class GitSshServer implements AutoCloseable {
    private final SshServer sshd;
    private final KeyPair hostKey;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong refusedLogins = new AtomicLong();

    private GitSshServer(Path projectRoot, PublicKey allowedKey) throws IOException {
        this.hostKey = newHostKey();
        Path root = projectRoot.toAbsolutePath();
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setPublickeyAuthenticator((user, key, session) -> {
            boolean ok = KeyUtils.compareKeys(allowedKey, key);
            if (!ok) {
                refusedLogins.incrementAndGet();
            }
            return ok;
        });
        sshd.setCommandFactory((channel, command) -> new GitShellCommand(root, command,
                service -> counts.computeIfAbsent(service, s -> new AtomicLong()).incrementAndGet()));
        sshd.start();
    }

    /** Serves the bare repositories under {@code projectRoot} to the holder of {@code allowedKey}'s private key. */
    public static GitSshServer start(Path projectRoot, PublicKey allowedKey) throws IOException {
        if (!Files.isDirectory(projectRoot)) {
            throw new IOException("not a directory: " + projectRoot);
        }
        return new GitSshServer(projectRoot, allowedKey);
    }

    public int port() {
        return sshd.getPort();
    }

    /** {@code ssh://git@127.0.0.1:<port>/<repoPath>}, e.g. {@code url("config.git")}. */
    public String url(String repoPath) {
        return "ssh://git@127.0.0.1:" + port() + "/" + repoPath;
    }

    /** {@code [127.0.0.1]:<port> ecdsa-sha2-nistp256 AAAA…}: this server's line for a known_hosts file. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + SshKeys.publicKeyLine(hostKey.getPublic());
    }

    /** The host key's type as ssh names it, e.g. {@code ecdsa-sha2-nistp256}. */
    public String hostKeyType() {
        return KeyUtils.getKeyType(hostKey.getPublic());
    }

    /** The host key's fingerprint as ssh prints it, {@code SHA256:…}. */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostKey.getPublic());
    }

    /** Git commands run for {@code service} ("upload-pack" or "receive-pack"); an ls-remote and a fetch run one each. */
    public long commands(String service) {
        AtomicLong count = counts.get(service);
        return count == null ? 0 : count.get();
    }

    /** Public-key logins refused. */
    public long refusedLogins() {
        return refusedLogins.get();
    }

    public void resetCounts() {
        counts.clear();
        refusedLogins.set(0);
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    private static KeyPair newHostKey() throws IOException {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate a host key", e);
        }
    }
}
