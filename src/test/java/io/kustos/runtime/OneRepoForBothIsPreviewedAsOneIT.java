package io.kustos.runtime;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.testsupport.ClusterState;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.PullRequestRefs;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16's acceptance on one repo that is both the config and the release repo ({@code sources.config}
 * and {@code sources.releases} the same remote, {@code previews.configRepo} and {@code releasesRepo} the same
 * GitHub repo; WireMock, requests pinned): a pull request at {@code refs/pull/12/head} that bumps the
 * workload's version (with a pre-deploy hook) and changes the ConfigMap it uses gets one comment listing for
 * staging the diff, the restart (the new image and the ConfigMap as reasons) and the hook, and a status
 * {@code success}; a second push edits the same comment, which shows the new change. Nothing is written to
 * the cluster; no request to the forge carries a Secret's value, fingerprint or length.
 */
class OneRepoForBothIsPreviewedAsOneIT {
    private static final String FILE = "environments/staging/app/config.yaml";
    private static final String SECRETS = "environments/staging/app/secrets.yaml";
    private static final String RELEASE = "environments/staging/release.yaml";
    private static final String HOOK_SECRET = "hook-" + Long.toHexString(System.nanoTime());
    private static final String OLD_PASSWORD = "old-pass-5127";
    private static final String NEW_PASSWORD = "new-pass-6604-both";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aVersionBumpAndAConfigChangeShowInOneCommentEditedOnTheNextPush(String clusterName, @TempDir Path tmp) throws Exception {
        WireMockServer forge = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        forge.start();
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1"),
                SECRETS, secret("app-secrets", "PASSWORD", OLD_PASSWORD)));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            oneRepoForBoth(h);
            PreviewsOnAForge.configure(h, tmp, HOOK_SECRET, "github", forge.baseUrl(), "releasesRepo: platform/config, retryDelay: 50ms");
            PreviewsOnAForge.stubGitHub(forge);
            String ns = h.namespace();

            try (var daemon = new KustosDaemon(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, Duration.ofSeconds(10))) {
                daemon.start();
                var http = new DaemonHttp(daemon.port());
                DaemonHttp.await(Duration.ofSeconds(60), "the first reconcile", () -> "1".equals(PreviewsOnAForge.value(h))
                        && http.get("/status").body().contains("\"outcome\" : \"applied\""));
                var before = ClusterState.of(h.cluster().client(), List.of(ns));
                h.cluster().resetCounts();

                String head = PullRequestRefs.push(h.config(), "refs/pull/12/head", "app 1.1.0 with a migration, A=2", Map.of(
                        RELEASE, KustosHarness.release(Map.of("app", "registry.example.com/app:1.1.0"), KustosHarness.HOOK),
                        FILE, configMap("app-config", "A", "2")));
                reported(forge, http, "opened", head);
                String body = sent(forge, postRequestedFor(urlEqualTo(PreviewsOnAForge.COMMENTS)));
                forge.verify(1, postRequestedFor(urlEqualTo(PreviewsOnAForge.COMMENTS)).withHeader("Authorization", equalTo("Bearer " + PreviewsOnAForge.TOKEN)));
                assertTrue(body.startsWith("<!-- kustos-preview -->\n### Kustos preview"), body);
                String sha = head.substring(0, 7);
                assertTrue(body.contains("config `refs/pull/12/head` @ `" + sha + "` · releases `refs/pull/12/head` @ `" + sha + "`"),
                        "the head is both revisions:\n" + body);
                assertTrue(body.contains("| staging | would change at once | 2 | 1 | 1 |"), "the summary:\n" + body);
                assertTrue(body.contains("- `deployment/" + ns + "/app`: image app: registry.example.com/app:1.0.0 -> registry.example.com/app:1.1.0; "
                        + "configmap app-config changed\n"), "the restart, for the new image and the ConfigMap:\n" + body);
                assertTrue(body.contains("- `db-migrate` would run before `deployment/" + ns + "/app` changes version"), "the hook:\n" + body);
                assertTrue(body.contains("```diff\n") && body.contains("+  A: '2'"), "the ConfigMap's diff:\n" + body);
                assertUnchanged(h, before);

                PreviewsOnAForge.commentIs(forge, body);
                String second = PullRequestRefs.push(h.config(), "refs/pull/12/head", "app 1.2.0, A=3, a new password", Map.of(
                        RELEASE, KustosHarness.release(Map.of("app", "registry.example.com/app:1.2.0"), KustosHarness.HOOK),
                        FILE, configMap("app-config", "A", "3"), SECRETS, secret("app-secrets", "PASSWORD", NEW_PASSWORD)));
                reported(forge, http, "synchronize", second);
                String edited = sent(forge, patchRequestedFor(urlEqualTo(PreviewsOnAForge.COMMENT)));
                forge.verify(1, postRequestedFor(urlEqualTo(PreviewsOnAForge.COMMENTS)));
                forge.verify(1, patchRequestedFor(urlEqualTo(PreviewsOnAForge.COMMENT))
                        .withHeader("Authorization", equalTo("Bearer " + PreviewsOnAForge.TOKEN)));
                assertTrue(edited.contains("registry.example.com/app:1.0.0 -> registry.example.com/app:1.2.0; configmap app-config changed"),
                        "the second push's version:\n" + edited);
                assertTrue(edited.contains("+  A: '3'"), "the second push's value:\n" + edited);
                assertTrue(edited.contains("PASSWORD changed"), "the Secret's key, only as changed:\n" + edited);
                assertUnchanged(h, before);
                assertNothingSecret(forge);
            }
        } finally {
            forge.stop();
        }
    }

    /** The config repo is also the release repo: the release manifest is committed to it, and sources.releases points at it. */
    private static void oneRepoForBoth(KustosHarness h) throws Exception {
        h.config().commit("the release manifest, in the same repo", Map.of(RELEASE, KustosHarness.release("registry.example.com/app:1.0.0")));
        String yaml = Files.readString(h.kustosYaml());
        assertTrue(yaml.contains(h.git().url("releases.git")), yaml);
        Files.writeString(h.kustosYaml(), yaml.replace(h.git().url("releases.git"), h.git().url("config.git")));
    }

    /** Sends the {@code pull_request} webhook of {@code head}; waits for its one status, {@code success}. */
    private static void reported(WireMockServer forge, DaemonHttp http, String action, String head) throws Exception {
        var answer = http.hook(WebhookProvider.GITHUB, PreviewsOnAForge.pullRequest(action, head), HOOK_SECRET, Map.of("X-GitHub-Event", "pull_request"));
        assertEquals(202, answer.statusCode(), answer.body());
        String status = "/repos/platform/config/statuses/" + head;
        DaemonHttp.await(Duration.ofSeconds(60), "the status of " + head, () -> forge.findAll(postRequestedFor(urlEqualTo(status))).size() == 1);
        forge.verify(1, postRequestedFor(urlEqualTo(status)).withHeader("Authorization", equalTo("Bearer " + PreviewsOnAForge.TOKEN))
                .withRequestBody(equalToJson("{\"state\":\"success\",\"context\":\"kustos/preview\","
                        + "\"description\":\"a merge would change 1 environment at once\"}")));
    }

    /** The body of the one comment request {@code pattern} matches. */
    private static String sent(WireMockServer forge, com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) throws Exception {
        var requests = forge.findAll(pattern);
        assertEquals(1, requests.size(), "one request");
        return PreviewsOnAForge.body(requests.get(0).getBodyAsString());
    }

    private static void assertUnchanged(KustosHarness h, Map<String, String> before) {
        h.cluster().serverWritesBesidesHistory().ifPresent(w -> assertEquals(0, w, "the preview wrote to the cluster"));
        assertEquals(before, ClusterState.of(h.cluster().client(), List.of(h.namespace())), "nothing written: same resourceVersions");
        assertEquals("1", PreviewsOnAForge.value(h));
    }

    /** No request to the forge carries a Secret's value, its base64, a fingerprint or a length. */
    private static void assertNothingSecret(WireMockServer forge) {
        for (ServeEvent e : forge.getAllServeEvents()) {
            String request = e.getRequest().getUrl() + "\n" + e.getRequest().getBodyAsString();
            for (String value : List.of(OLD_PASSWORD, NEW_PASSWORD)) {
                assertFalse(request.contains(value), "a Secret value sent to the forge:\n" + request);
                assertFalse(request.contains(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))),
                        "a Secret value's base64 sent to the forge:\n" + request);
            }
            assertFalse(request.contains("hmac:") || request.contains("config-hash"), "a fingerprint sent to the forge:\n" + request);
            assertFalse(request.matches("(?s).*\\b(bytes|length|chars)\\b.*"), "a length sent to the forge:\n" + request);
        }
    }
}
