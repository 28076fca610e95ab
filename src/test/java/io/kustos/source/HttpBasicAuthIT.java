package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.config.GitAuth;
import io.kustos.config.SourceSpec;
import io.kustos.bench.GitHttpServer;
import io.kustos.bench.GitHttpServer.Service;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over smart HTTP with Basic authentication (real git http-backend on loopback). */
class HttpBasicAuthIT {
    static final String USER = "kustos";
    static final String PASSWORD = "correct-horse-battery";

    @TempDir
    Path tmp;
    TestRepo repo;
    GitHttpServer server;
    Path passwordFile;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("env/a.yaml", "a: 1\n"));
        server = GitHttpServer.startWithBasicAuth(tmp.resolve("repos"), USER, PASSWORD);
        passwordFile = tmp.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
    }

    @AfterEach
    void tearDown() {
        server.close();
        repo.close();
    }

    GitSource source(Path password) {
        var auth = new GitAuth(USER, password, null, null, null);
        return new GitSource("config", new SourceSpec(server.url(repo.name()), "main", auth), tmp.resolve("cache"));
    }

    @Test
    void clonesThenPollsWithoutFetchingUntilTheHeadMoves() throws Exception {
        GitSource source = source(passwordFile);

        PollResult first = source.poll();
        assertTrue(first.fetched());
        assertEquals(repo.head(), first.revision().sha());
        assertEquals(1, server.requests(Service.UPLOAD_PACK));

        server.resetCounts();
        PollResult unchanged = source.poll();
        assertFalse(unchanged.fetched());
        assertFalse(unchanged.changed());
        assertEquals(0, server.requests(Service.UPLOAD_PACK), "an unchanged head must not be fetched");
        assertEquals(1, server.requests(Service.INFO_REFS), "the head was asked for, once");
        assertEquals(new SourceStats(2, 1, source.stats().bytesFetched()), source.stats());

        String next = repo.commit("second", Map.of("env/b.yaml", "b: 1\n"));
        server.resetCounts();
        PollResult moved = source.poll();
        assertTrue(moved.fetched());
        assertTrue(moved.changed());
        assertEquals(next, moved.revision().sha());
        assertEquals(1, server.requests(Service.UPLOAD_PACK));
        assertEquals(1, server.requests(Service.INFO_REFS), "the fetch's ref advertisement tells the head: no ls-remote before it");
        assertEquals(2, source.stats().fetchCount());
        assertTrue(moved.snapshot().files("env/b.yaml").containsKey("env/b.yaml"));
    }

    @Test
    void wrongPasswordIsAClearErrorWithoutThePassword() throws Exception {
        Path wrong = tmp.resolve("wrong-password");
        Files.writeString(wrong, "hunter2-not-it\n");
        GitSource source = source(wrong);

        var e = assertThrows(SourceException.class, source::poll);

        String message = e.getMessage();
        assertTrue(message.contains("source 'config'"), message);
        assertTrue(message.contains(server.url(repo.name())), message);
        assertTrue(message.contains("authentication failed"), message);
        SecretAssertions.assertNowhere("hunter2-not-it", e);
        assertTrue(server.unauthorizedRequests() >= 1);
        assertEquals(0, server.requests(Service.UPLOAD_PACK));
    }

    @Test
    void missingPasswordIsAnAuthenticationError() {
        var source = new GitSource("config", new SourceSpec(server.url(repo.name()), "main", null), tmp.resolve("cache"));
        var e = assertThrows(SourceException.class, source::poll);
        assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
    }

    @Test
    void passwordInTheUrlIsStrippedFromTheMessage() {
        String url = server.url(repo.name()).replace("http://", "http://" + USER + ":url-secret-pw@");
        var source = new GitSource("config", new SourceSpec(url, "main", null), tmp.resolve("cache"));

        var e = assertThrows(SourceException.class, source::poll);

        assertTrue(e.getMessage().contains("http://" + USER + "@127.0.0.1:"), e.getMessage());
        SecretAssertions.assertNowhere("url-secret-pw", e);
    }

    @Test
    void rotatedPasswordIsReadAtTheNextPoll() throws Exception {
        Files.writeString(passwordFile, "old-password\n");
        GitSource source = source(passwordFile);
        assertThrows(SourceException.class, source::poll);

        Files.writeString(passwordFile, PASSWORD + "\n");
        assertEquals(repo.head(), source.poll().revision().sha());
    }

    @Test
    void restartedSourceReusesItsCloneWithoutAFetch() throws Exception {
        source(passwordFile).poll();
        server.resetCounts();

        PollResult afterRestart = source(passwordFile).poll();

        assertFalse(afterRestart.fetched());
        assertEquals(repo.head(), afterRestart.revision().sha());
        assertEquals(0, server.requests(Service.UPLOAD_PACK));
    }

    @Test
    void workspacePushesOverHttpWithBasicAuth() throws Exception {
        GitSource source = source(passwordFile);
        source.poll();
        var auth = new GitAuth(USER, passwordFile, null, null, null);
        repo.workspace().writeFile("env/pushed.yaml", "p: 1\n");
        String sha = repo.workspace().commitAll("pushed over http", "Ada", "ada@example.com");

        repo.workspace().push(server.url(repo.name()), auth);

        assertEquals(1, server.requests(Service.RECEIVE_PACK));
        PollResult result = source.poll();
        assertEquals(sha, result.revision().sha());
        assertTrue(result.snapshot().files("").containsKey("env/pushed.yaml"));
    }
}
