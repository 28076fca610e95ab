package io.kustos.source;

import io.kustos.config.GitAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.SshConstants;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Builds the JGit ssh session factory for one source from its {@link GitAuth} alone: the user's
 * ~/.ssh config, keys and agent are never consulted (only its known_hosts, when the source has no
 * knownHostsFile). The key is read from its file when a session opens (no key cache), so a rotated
 * key is picked up at the next poll.
 */
final class SshSessions {
    private SshSessions() {
    }

    /**
     * @param home     an empty directory that stands in for the home and ~/.ssh directories
     * @param hostKeys decides on the server's host key ({@link KnownHostKeys} or, when the source
     *                 opts out, {@link UncheckedHostKeys})
     */
    static SshdSessionFactory factory(GitAuth auth, Path home, ServerKeyDatabase hostKeys) {
        List<Path> knownHosts = hostKeys instanceof KnownHostKeys known ? known.files() : List.of();
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.toFile())
                .setPreferredAuthentications("publickey")
                .setConnectorFactory(null) // no ssh agent
                .setDefaultIdentities(dir -> List.of())
                .setDefaultKnownHostsFiles(dir -> knownHosts)
                .setConfigStoreFactory((homeDir, configFile, localUser) -> new FixedConfig(options(auth)))
                .setServerKeyDatabase((homeDir, sshDir) -> hostKeys)
                .build(null);
    }

    /** The files of known host keys are {@link KnownHostKeys}'s alone: the options name none. */
    static Map<String, String> options(GitAuth auth) {
        var options = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        options.put(SshConstants.USER, auth.username());
        options.put(SshConstants.IDENTITIES_ONLY, SshConstants.YES);
        options.put(SshConstants.BATCH_MODE, SshConstants.YES);
        options.put(SshConstants.PREFERRED_AUTHENTICATIONS, "publickey");
        if (auth.sshKeyFile() != null) {
            options.put(SshConstants.IDENTITY_FILE, auth.sshKeyFile().toAbsolutePath().toString());
        }
        options.put(SshConstants.STRICT_HOST_KEY_CHECKING, auth.insecureIgnoreHostKey() ? SshConstants.NO : SshConstants.YES);
        options.put(SshConstants.USER_KNOWN_HOSTS_FILE, SshConstants.NONE);
        options.put(SshConstants.GLOBAL_KNOWN_HOSTS_FILE, SshConstants.NONE);
        return options;
    }

    /** Creates the stand-in home directory if needed. */
    static Path home(Path cacheDir) throws java.io.IOException {
        Path home = cacheDir.resolve(".ssh-home");
        Files.createDirectories(home);
        return home;
    }

    /** The same options for every host: the source has exactly one remote. */
    private record FixedConfig(Map<String, String> options) implements SshConfigStore {
        @Override
        public HostConfig lookup(String hostName, int port, String userName) {
            return new HostConfig() {
                @Override
                public String getValue(String key) {
                    return options.get(key);
                }

                @Override
                public List<String> getValues(String key) {
                    String v = options.get(key);
                    return v == null ? List.of() : List.of(v);
                }

                @Override
                public Map<String, String> getOptions() {
                    return options;
                }

                @Override
                public Map<String, List<String>> getMultiValuedOptions() {
                    return Map.of();
                }
            };
        }

        @Override
        public HostConfig lookupDefault(String hostName, int port, String userName) {
            return lookup(hostName, port, userName);
        }
    }
}
