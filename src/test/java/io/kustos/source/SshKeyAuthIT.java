package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.config.GitAuth;
import io.kustos.config.SourceSpec;
import io.kustos.testsupport.GitSshServer;
import io.kustos.testsupport.SshKeys;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over ssh:// with a private key (Apache MINA SSHD running real git on loopback). */
class SshKeyAuthIT {
    @TempDir
    Path tmp;
    TestRepo repo;
    Path key;
    GitSshServer server;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("env/a.yaml", "a: 1\n"));
        key = tmp.resolve("id_kustos");
        PublicKey publicKey = SshKeys.generate(key);
        server = GitSshServer.start(tmp.resolve("repos"), publicKey);
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        repo.close();
    }

    GitSource source(GitAuth auth) {
        return new GitSource("config", new SourceSpec(server.url(repo.name()), "main", auth), tmp.resolve("cache"));
    }

    Path knownHosts(String line) throws Exception {
        Path file = tmp.resolve("known_hosts");
        Files.writeString(file, line + "\n");
        return file;
    }

    @Test
    void clonesWithKeyAndCheckedHostKeyThenSkipsTheFetchWhileUnchanged() throws Exception {
        GitSource source = source(new GitAuth("git", null, null, key, knownHosts(server.knownHostsLine())));

        PollResult first = source.poll();
        assertTrue(first.fetched());
        assertEquals(repo.head(), first.revision().sha());

        server.resetCounts();
        PollResult unchanged = source.poll();
        assertFalse(unchanged.fetched());
        assertEquals(1, server.commands("upload-pack"), "only the ls-remote ran");

        String next = repo.commit("second", Map.of("env/a.yaml", "a: 2\n"));
        server.resetCounts();
        PollResult moved = source.poll();
        assertTrue(moved.fetched());
        assertTrue(moved.changed());
        assertEquals(next, moved.revision().sha());
        assertEquals(1, server.commands("upload-pack"), "the fetch alone: its ref advertisement tells the head, no ls-remote before it");
        assertEquals(new SourceStats(3, 2, source.stats().bytesFetched()), source.stats());
    }

    @Test
    void withoutKnownHostsAnUnknownHostKeyIsRefusedWithItsFingerprintAndWhatToDo() throws Exception {
        GitSource source = source(new GitAuth("git", null, null, key, null));

        var e = assertThrows(SourceConfigException.class, source::poll);

        assertEquals(3, io.kustos.cli.ExitCodes.of(e));
        String m = e.getMessage();
        assertTrue(m.startsWith("source 'config' (" + server.url(repo.name()) + "): ssh host key of [127.0.0.1]:"
                + server.port() + " is unknown (" + server.hostKeyType() + " " + server.hostKeyFingerprint() + "; "), m);
        assertTrue(m.contains("then add it to sources.config.auth.knownHostsFile (ssh-keyscan -p " + server.port()
                + " 127.0.0.1 >> known_hosts), or set sources.config.auth.insecureIgnoreHostKey: true"), m);
        assertEquals(0, server.commands("upload-pack"));
    }

    @Test
    void theUsersKnownHostsAreUsedWhenNoKnownHostsFileIsSet() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/known_hosts"), server.knownHostsLine() + "\n");
        String realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            assertEquals(repo.head(), source(new GitAuth("git", null, null, key, null)).poll().revision().sha());
        } finally {
            System.setProperty("user.home", realHome);
        }
    }

    @Test
    void insecureIgnoreHostKeyAcceptsAnyHostKey() throws Exception {
        GitSource source = source(new GitAuth("git", null, null, key, null, true));
        assertEquals(repo.head(), source.poll().revision().sha());
    }

    @Test
    void aHostKeyNotInKnownHostsIsRefused() throws Exception {
        Path otherKey = tmp.resolve("other_host_key");
        String otherLine = "[127.0.0.1]:" + server.port() + " " + SshKeys.publicKeyLine(SshKeys.generateInJava(otherKey));
        Path knownHosts = knownHosts(otherLine);
        GitSource source = source(new GitAuth("git", null, null, key, knownHosts));

        var e = assertThrows(SourceConfigException.class, source::poll);

        assertTrue(e.getMessage().startsWith("source 'config' (" + server.url(repo.name()) + "): ssh host key of [127.0.0.1]:"
                + server.port() + " changed: the server shows " + server.hostKeyType() + " " + server.hostKeyFingerprint()
                + ", which is not the key listed in " + knownHosts.toAbsolutePath() + "; someone may be intercepting"), e.getMessage());
        assertEquals(0, server.commands("upload-pack"));
    }

    @Test
    void aRepositoryPathThatDoesNotExistIsAConfigurationError() throws Exception {
        var auth = new GitAuth("git", null, null, key, knownHosts(server.knownHostsLine()));
        var source = new GitSource("releases", new SourceSpec(server.url("no-such.git"), "main", auth), tmp.resolve("cache"));

        var e = assertThrows(SourceConfigException.class, source::poll);

        assertTrue(e.getMessage().startsWith("source 'releases' (" + server.url("no-such.git") + "): repository not found;"
                + " check the path in sources.releases.url"), e.getMessage());
    }

    @Test
    void anUnresolvableHostIsNamedReadably() throws Exception {
        var auth = new GitAuth("git", null, null, key, null);
        var source = new GitSource("releases", new SourceSpec("ssh://git@kustos-no-such-host.invalid/releases.git", "main", auth),
                tmp.resolve("cache"));

        var e = assertThrows(SourceException.class, source::poll);

        assertEquals("source 'releases' (ssh://git@kustos-no-such-host.invalid/releases.git): cannot resolve host"
                + " kustos-no-such-host.invalid of source releases; check the host name in sources.releases.url and the DNS",
                e.getMessage());
        assertEquals(5, io.kustos.cli.ExitCodes.of(e));
    }

    @Test
    void aKeyTheServerDoesNotKnowFailsAuthentication() throws Exception {
        Path stranger = tmp.resolve("id_stranger");
        SshKeys.generateInJava(stranger);
        GitSource source = source(new GitAuth("git", null, null, stranger, knownHosts(server.knownHostsLine())));

        var e = assertThrows(SourceException.class, source::poll);

        assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
        assertTrue(e.getMessage().contains(server.url(repo.name())), e.getMessage());
        assertTrue(server.refusedLogins() >= 1);
    }

    @Test
    void aJavaGeneratedEcdsaKeyWorksToo() throws Exception {
        Path ecKey = tmp.resolve("id_ecdsa");
        PublicKey ecPublic = SshKeys.generateInJava(ecKey);
        try (var ecServer = GitSshServer.start(tmp.resolve("repos"), ecPublic)) {
            var auth = new GitAuth("git", null, null, ecKey, knownHosts(ecServer.knownHostsLine()));
            var source = new GitSource("config", new SourceSpec(ecServer.url(repo.name()), "main", auth), tmp.resolve("cache2"));
            assertEquals(repo.head(), source.poll().revision().sha());
        }
    }

    @Test
    void aRotatedKeyFileIsReadAtTheNextPoll() throws Exception {
        Path keyFile = tmp.resolve("mounted_key");
        SshKeys.generateInJava(keyFile); // not the key the server knows
        GitSource source = source(new GitAuth("git", null, null, keyFile, knownHosts(server.knownHostsLine())));
        assertThrows(SourceException.class, source::poll);

        Files.copy(key, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertEquals(repo.head(), source.poll().revision().sha());
    }
}
