package io.kustos.source;

import io.kustos.config.GitAuth;
import io.kustos.config.SourceSpec;
import io.kustos.failure.KustosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;

/**
 * Everything one poll needs to talk to a remote: credentials read from their files just now, the
 * ssh session factory, the timeout, and a {@link Redactor} that knows the secrets. Closing it
 * releases the ssh resources.
 */
final class RemoteSession implements TransportConfigCallback, AutoCloseable {
    private final String source;
    private final String url;
    private final int timeoutSeconds;
    private final CredentialsProvider credentials;
    private final SshdSessionFactory ssh;
    private final KnownHostKeys hostKeys;
    private final Redactor redactor;

    private RemoteSession(String source, String url, Duration timeout, CredentialsProvider credentials,
            SshdSessionFactory ssh, KnownHostKeys hostKeys, Redactor redactor) {
        this.source = source;
        this.url = url;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
        this.credentials = credentials;
        this.ssh = ssh;
        this.hostKeys = hostKeys;
        this.redactor = redactor;
    }

    /**
     * Reads the credentials of {@code spec.auth()} from their files.
     *
     * @param sshHome   an empty directory used as home and ~/.ssh for the ssh client
     * @param unchecked the host key policy when the source sets insecureIgnoreHostKey (kept per
     *                  source, so it warns once)
     */
    static RemoteSession open(String source, SourceSpec spec, Duration timeout, Path sshHome,
            UncheckedHostKeys unchecked) throws SourceException {
        GitAuth auth = spec.auth();
        var secrets = new ArrayList<String>();
        String password = null;
        if (auth.tokenFile() != null) {
            password = SecretFile.read(source, "tokenFile", auth.tokenFile());
        } else if (auth.passwordFile() != null) {
            password = SecretFile.read(source, "passwordFile", auth.passwordFile());
        }
        secrets.add(password);
        CredentialsProvider credentials = password == null ? null
                : new UsernamePasswordCredentialsProvider(auth.username(), password);
        SshdSessionFactory ssh = null;
        KnownHostKeys hostKeys = null;
        if (RemoteUrls.isSsh(spec.url())) {
            requireReadable(source, "sshKeyFile", auth.sshKeyFile());
            requireReadable(source, "knownHostsFile", auth.knownHostsFile());
            if (!auth.insecureIgnoreHostKey()) {
                hostKeys = new KnownHostKeys(KnownHostKeys.files(auth, Path.of(System.getProperty("user.home"))));
            }
            ssh = SshSessions.factory(auth, sshHome, hostKeys != null ? hostKeys : unchecked);
        }
        return new RemoteSession(source, spec.url(), timeout, credentials, ssh, hostKeys, new Redactor(secrets));
    }

    private static void requireReadable(String source, String field, Path file) throws SourceException {
        if (file != null && !Files.isReadable(file)) {
            throw new SourceException("source '" + source + "': cannot read " + field + " " + file, null);
        }
    }

    @Override
    public void configure(Transport transport) {
        transport.setTimeout(timeoutSeconds);
        if (credentials != null) {
            transport.setCredentialsProvider(credentials);
        }
        if (ssh != null && transport instanceof SshTransport sshTransport) {
            sshTransport.setSshSessionFactory(ssh);
        }
    }

    int timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * Turns a failure of JGit into a {@link SourceException} (try again) or a
     * {@link SourceConfigException} (fix the settings), without secrets.
     */
    KustosException failure(String action, Exception e) {
        HostKeyRefusal refusal = hostKeys == null ? null : hostKeys.refusal();
        if (refusal != null) {
            return new SourceConfigException(SourceErrors.where(source, url) + refusal.describe(source, url), null);
        }
        return SourceErrors.translate(source, url, action, e, redactor);
    }

    @Override
    public void close() {
        if (ssh != null) {
            ssh.close();
        }
    }
}
