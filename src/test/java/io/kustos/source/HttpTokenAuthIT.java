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

/** An access token from tokenFile is sent as the Basic password with the configured username. */
class HttpTokenAuthIT {
    static final String TOKEN = "glpat-0123456789abcdefABCD";

    @TempDir
    Path tmp;
    TestRepo repo;
    GitHttpServer server;

    @BeforeEach
    void setUp() throws Exception {
        repo = TestRepos.create(tmp.resolve("repos"), "releases", Map.of("environments/prod/release.yaml", "kind: Release\n"));
        server = GitHttpServer.startWithBasicAuth(tmp.resolve("repos"), "oauth2", TOKEN);
    }

    @AfterEach
    void tearDown() {
        server.close();
        repo.close();
    }

    @Test
    void tokenWithTrailingNewlineAuthenticates() throws Exception {
        Path tokenFile = tmp.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
        var auth = new GitAuth("oauth2", null, tokenFile, null, null);
        var source = new GitSource("releases", new SourceSpec(server.url(repo.name()), "main", auth), tmp.resolve("cache"));

        PollResult result = source.poll();

        assertEquals(repo.head(), result.revision().sha());
        assertTrue(result.snapshot().files("environments/").containsKey("environments/prod/release.yaml"));
        server.resetCounts();
        assertFalse(source.poll().fetched());
        assertEquals(0, server.requests(Service.UPLOAD_PACK));
    }

    @Test
    void tokenWithTheWrongUsernameIsRefusedWithoutShowingTheToken() throws Exception {
        Path tokenFile = tmp.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
        var auth = new GitAuth(null, null, tokenFile, null, null); // username defaults to "git"
        var source = new GitSource("releases", new SourceSpec(server.url(repo.name()), "main", auth), tmp.resolve("cache"));

        var e = assertThrows(SourceException.class, source::poll);

        assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
        SecretAssertions.assertNowhere(TOKEN, e);
    }

    @Test
    void missingTokenFileIsNamedButNotRead() {
        Path tokenFile = tmp.resolve("no-such-token");
        var auth = new GitAuth("oauth2", null, tokenFile, null, null);
        var source = new GitSource("releases", new SourceSpec(server.url(repo.name()), "main", auth), tmp.resolve("cache"));

        var e = assertThrows(SourceException.class, source::poll);

        assertTrue(e.getMessage().contains("cannot read tokenFile " + tokenFile), e.getMessage());
        assertEquals(0, server.requests(Service.INFO_REFS) + server.unauthorizedRequests());
    }
}
