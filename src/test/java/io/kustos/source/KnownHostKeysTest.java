package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.config.GitAuth;
import io.kustos.testsupport.SshKeys;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default host key policy: which known_hosts files a source reads, and that a key is accepted
 * only when one of them lists it for the host.
 */
class KnownHostKeysTest {
    private static final String HOST = "[git.example.com]:2222";
    private static final InetSocketAddress ADDRESS = InetSocketAddress.createUnresolved("git.example.com", 2222);
    private static final ServerKeyDatabase.Configuration SSH_CONFIG = new ServerKeyDatabase.Configuration() {
        @Override
        public List<String> getUserKnownHostsFiles() {
            return List.of("/nonexistent/known_hosts");
        }

        @Override
        public List<String> getGlobalKnownHostsFiles() {
            return List.of();
        }

        @Override
        public StrictHostKeyChecking getStrictHostKeyChecking() {
            return StrictHostKeyChecking.ACCEPT_ANY; // ignored: the policy is always strict
        }

        @Override
        public boolean getHashKnownHosts() {
            return false;
        }

        @Override
        public String getUsername() {
            return "git";
        }
    };

    @TempDir
    Path tmp;
    PublicKey serverKey;
    PublicKey otherKey;

    @BeforeEach
    void keys() throws Exception {
        serverKey = SshKeys.generateInJava(tmp.resolve("server"));
        otherKey = SshKeys.generateInJava(tmp.resolve("other"));
    }

    @Test
    void theSourcesFileWinsElseTheUsersKnownHosts() throws Exception {
        Path home = tmp.resolve("home");
        var noFile = new GitAuth("git", null, null, null, null);
        assertFalse(KnownHostKeys.files(noFile, home).contains(home.resolve(".ssh/known_hosts")));

        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/known_hosts"), "");
        assertEquals(home.resolve(".ssh/known_hosts"), KnownHostKeys.files(noFile, home).get(0));

        Path own = tmp.resolve("known_hosts");
        assertEquals(List.of(own.toAbsolutePath()), KnownHostKeys.files(new GitAuth("git", null, null, null, own), home));
    }

    @Test
    void aKeyListedInAnyOfTheFilesIsAccepted() throws Exception {
        var keys = new KnownHostKeys(List.of(file("a", "[elsewhere.example.com]:2222 " + SshKeys.publicKeyLine(otherKey)),
                file("b", HOST + " " + SshKeys.publicKeyLine(serverKey))));

        assertTrue(keys.accept(HOST, ADDRESS, serverKey, SSH_CONFIG, null));
        assertNull(keys.refusal());
    }

    @Test
    void anUnlistedHostIsRefused() throws Exception {
        Path file = file("a", "[elsewhere.example.com]:2222 " + SshKeys.publicKeyLine(serverKey));
        var keys = new KnownHostKeys(List.of(file));

        assertFalse(keys.accept(HOST, ADDRESS, serverKey, SSH_CONFIG, null));

        assertFalse(keys.refusal().changed());
        assertTrue(keys.refusal().describe("releases", "ssh://git@git.example.com:2222/r.git").startsWith(
                "ssh host key of " + HOST + " is unknown (" + KeyUtils.getKeyType(serverKey) + " " + KeyUtils.getFingerPrint(serverKey)),
                keys.refusal().describe("releases", "ssh://git@git.example.com:2222/r.git"));
        assertTrue(keys.refusal().describe("releases", "ssh://git@git.example.com:2222/r.git").contains("; not in " + file
                + "): check the fingerprint with the server's admin, then add it to sources.releases.auth.knownHostsFile"
                + " (ssh-keyscan -p 2222 git.example.com >> known_hosts)"));
    }

    @Test
    void anotherKeyForAListedHostIsRefusedAsChanged() throws Exception {
        var keys = new KnownHostKeys(List.of(file("a", HOST + " " + SshKeys.publicKeyLine(otherKey))));

        assertFalse(keys.accept(HOST, ADDRESS, serverKey, SSH_CONFIG, null));

        assertTrue(keys.refusal().changed());
        assertTrue(keys.refusal().describe("config", "ssh://git@git.example.com:2222/c.git")
                .contains(" changed: the server shows "));
    }

    @Test
    void withNoFileEveryKeyIsRefused() {
        var keys = new KnownHostKeys(List.of());

        assertFalse(keys.accept(HOST, ADDRESS, serverKey, SSH_CONFIG, null));

        assertTrue(keys.refusal().describe("config", "git@git.example.com:c.git").contains("; no known_hosts file:"
                + " sources.config.auth.knownHostsFile is not set and ~/.ssh/known_hosts does not exist): "));
        assertTrue(keys.refusal().describe("config", "git@git.example.com:c.git").contains("(ssh-keyscan git.example.com >> known_hosts)"));
    }

    private Path file(String name, String line) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, line + "\n");
        return file;
    }
}
