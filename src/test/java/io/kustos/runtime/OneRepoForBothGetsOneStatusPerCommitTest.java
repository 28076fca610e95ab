package io.kustos.runtime;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kustos.config.Notifications;
import io.kustos.outcome.Outcome;
import io.kustos.source.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One GitHub repo holding both the config and the release manifests: the applied commit is both
 * revisions, and it gets one {@code kustos/<env>} status, not one per side. Two repos get one each.
 */
class OneRepoForBothGetsOneStatusPerCommitTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final String OTHER = "89abcdef0123456789abcdef0123456789abcdef";

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance().options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.options()
            .bindAddress("127.0.0.1").dynamicPort()).build();

    @Test
    void oneRepoForBothGetsOneStatus(@TempDir Path tmp) throws Exception {
        github.stubFor(post(urlPathMatching("/repos/acme/.*/statuses/.*")).willReturn(created()));
        sender(tmp, "acme/platform", "ACME/platform").github(applied(SHA, SHA));
        github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/platform/statuses/" + SHA)));
        assertEquals(1, github.getAllServeEvents().size());
    }

    @Test
    void twoReposGetOneStatusEach(@TempDir Path tmp) throws Exception {
        github.stubFor(post(urlPathMatching("/repos/acme/.*/statuses/.*")).willReturn(created()));
        sender(tmp, "acme/config", "acme/releases").github(applied(SHA, OTHER));
        github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/config/statuses/" + SHA)));
        github.verify(1, postRequestedFor(urlEqualTo("/repos/acme/releases/statuses/" + OTHER)));
        assertEquals(2, github.getAllServeEvents().size());
    }

    private static NotificationSender sender(Path tmp, String configRepo, String releasesRepo) throws Exception {
        Path token = Files.writeString(tmp.resolve("gh-token"), "ghp-test\n");
        var gh = new Notifications.GitHub(token, github.baseUrl(), configRepo, releasesRepo, null);
        return new NotificationSender(new Notifications(null, null, gh, null, null, null));
    }

    private static NotificationEvent applied(String config, String releases) {
        return new NotificationEvent(Outcome.APPLIED, "staging", new Revision("main", config), new Revision("main", releases), List.of(), null, null);
    }
}
