package io.kustos.runtime;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.PullRequestRefs;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16, point 3, end to end: {@code kustos run} with {@code previews:} for GitHub (WireMock,
 * requests pinned), the config repo on the loopback git server with the pull request's head at
 * {@code refs/pull/12/head}. A {@code pull_request} webhook leads to one comment (the preview:
 * the ConfigMap's change; a Secret only as a changed key, never its value) and one status
 * {@code kustos/preview: success}; a second push that adds an unquoted number edits the same
 * comment and fails the status naming the file, line and key path (the comment lists it too). A GitLab merge request
 * ({@code refs/merge-requests/12/head}) gets its note and status the same way. Nothing is written to the cluster.
 */
class PullRequestIsReportedOnTheForgeIT {
    private static final String FILE = "environments/staging/app/config.yaml";
    private static final String SECRETS = "environments/staging/app/secrets.yaml";
    private static final String HOOK_SECRET = "hook-" + Long.toHexString(System.nanoTime());
    private static final String OLD_PASSWORD = "old-pass-8812";
    private static final String NEW_PASSWORD = "new-pass-3390-pr";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void onePullRequestOneCommentOneStatusPerPush(String clusterName, @TempDir Path tmp) throws Exception {
        WireMockServer forge = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        forge.start();
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1"),
                SECRETS, secret("app-secrets", "PASSWORD", OLD_PASSWORD)));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            PreviewsOnAForge.configure(h, tmp, HOOK_SECRET, "github", forge.baseUrl(), "retryDelay: 50ms");
            String comments = PreviewsOnAForge.COMMENTS;
            PreviewsOnAForge.stubGitHub(forge);

            try (var daemon = new KustosDaemon(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, Duration.ofSeconds(10))) {
                daemon.start();
                var http = new DaemonHttp(daemon.port());
                DaemonHttp.await(Duration.ofSeconds(60), "the first reconcile", () -> "1".equals(PreviewsOnAForge.value(h)));

                String head = PullRequestRefs.push(h.config(), "refs/pull/12/head", "A=2, a new password", Map.of(
                        FILE, configMap("app-config", "A", "2"), SECRETS, secret("app-secrets", "PASSWORD", NEW_PASSWORD)));
                // the README's signed curl, as printed (its sha is this head, its URL this daemon's)
                java.nio.file.Files.writeString(tmp.resolve("webhook-secret"), HOOK_SECRET + "\n");
                assertEquals("pull request preview queued", runReadmeCurl(tmp, head, "http://127.0.0.1:" + daemon.port() + "/hooks/github"));
                DaemonHttp.await(Duration.ofSeconds(60), "the status of the first head",
                        () -> forge.findAll(postRequestedFor(urlEqualTo("/repos/platform/config/statuses/" + head))).size() == 1);
                forge.verify(1, postRequestedFor(urlEqualTo("/repos/platform/config/statuses/" + head))
                        .withHeader("Authorization", equalTo("Bearer " + PreviewsOnAForge.TOKEN))
                        .withRequestBody(equalToJson("{\"state\":\"success\",\"context\":\"kustos/preview\","
                                + "\"description\":\"a merge would change 1 environment at once\"}")));
                forge.verify(1, postRequestedFor(urlEqualTo(comments)).withHeader("Authorization", equalTo("Bearer " + PreviewsOnAForge.TOKEN)));
                String comment = forge.findAll(postRequestedFor(urlEqualTo(comments))).get(0).getBodyAsString();
                String body = PreviewsOnAForge.body(comment);
                assertTrue(body.startsWith("<!-- kustos-preview -->\n### Kustos preview"), body);
                assertTrue(body.contains("A changed"), "the ConfigMap's change:\n" + body);
                assertTrue(body.contains("PASSWORD changed"), "the Secret's key, only as changed:\n" + body);
                assertFalse(comment.contains(NEW_PASSWORD) || comment.contains(OLD_PASSWORD), "a Secret value in the comment:\n" + comment);
                assertFalse(body.contains("hmac:"), "a fingerprint in the comment:\n" + body);
                assertEquals("1", PreviewsOnAForge.value(h), "the preview wrote nothing");

                PreviewsOnAForge.commentIs(forge, body);
                String second = PullRequestRefs.push(h.config(), "refs/pull/12/head", "an unquoted port", Map.of(
                        FILE, configMap("app-config", "A", "2"), "environments/staging/app/ports.yaml",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ports\ndata:\n  PORT: 8080\n"));
                var answer = http.hook(WebhookProvider.GITHUB, PreviewsOnAForge.pullRequest("synchronize", second), HOOK_SECRET, Map.of("X-GitHub-Event", "pull_request"));
                assertEquals(202, answer.statusCode(), answer.body());
                DaemonHttp.await(Duration.ofSeconds(60), "the status of the second head",
                        () -> forge.findAll(postRequestedFor(urlEqualTo("/repos/platform/config/statuses/" + second))).size() == 1);
                String problem = "config:environments/staging/app/ports.yaml:6: data.PORT: must be a string, not a number (quote it)";
                forge.verify(1, postRequestedFor(urlEqualTo("/repos/platform/config/statuses/" + second))
                        .withRequestBody(equalToJson("{\"state\":\"failure\",\"context\":\"kustos/preview\","
                                + "\"description\":\"staging: invalid input: " + problem + "\"}")));
                forge.verify(1, postRequestedFor(urlEqualTo(comments)));
                forge.verify(1, patchRequestedFor(urlEqualTo(PreviewsOnAForge.COMMENT))
                        .withHeader("Authorization", equalTo("Bearer " + PreviewsOnAForge.TOKEN))
                        .withRequestBody(matchingJsonPath("$.body", containing("```\ninvalid input:\n  " + problem + "\n```"))));
                assertEquals("1", PreviewsOnAForge.value(h), "the preview wrote nothing");
            }
        } finally {
            forge.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aGitLabMergeRequestGetsItsNoteAndStatus(String clusterName, @TempDir Path tmp) throws Exception {
        WireMockServer forge = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        forge.start();
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            PreviewsOnAForge.configure(h, tmp, HOOK_SECRET, "gitlab", forge.baseUrl() + "/api/v4", "retryDelay: 50ms");
            String notes = "/api/v4/projects/platform%2Fconfig/merge_requests/12/notes";
            forge.stubFor(get(urlEqualTo(notes + "?sort=asc&order_by=created_at&per_page=100&page=1")).willReturn(okJson("[]")));
            forge.stubFor(post(urlEqualTo(notes)).willReturn(created()));
            forge.stubFor(post(urlPathMatching("/api/v4/projects/platform%2Fconfig/statuses/[0-9a-f]{40}")).willReturn(created()));

            try (var daemon = new KustosDaemon(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, Duration.ofSeconds(10))) {
                daemon.start();
                var http = new DaemonHttp(daemon.port());
                DaemonHttp.await(Duration.ofSeconds(60), "the first reconcile", () -> "1".equals(PreviewsOnAForge.value(h)));

                String head = PullRequestRefs.push(h.config(), "refs/merge-requests/12/head", "A=2", Map.of(FILE, configMap("app-config", "A", "2")));
                var answer = http.hook(WebhookProvider.GITLAB, PreviewsOnAForge.mergeRequest("open", head), HOOK_SECRET,
                        Map.of("X-Gitlab-Event", "Merge Request Hook"));
                assertEquals(202, answer.statusCode(), answer.body());
                String status = "/api/v4/projects/platform%2Fconfig/statuses/" + head;
                DaemonHttp.await(Duration.ofSeconds(60), "the status of the head", () -> forge.findAll(postRequestedFor(urlEqualTo(status))).size() == 1);
                forge.verify(1, postRequestedFor(urlEqualTo(status)).withHeader("PRIVATE-TOKEN", equalTo(PreviewsOnAForge.TOKEN))
                        .withRequestBody(equalToJson("{\"state\":\"success\",\"name\":\"kustos/preview\","
                                + "\"description\":\"a merge would change 1 environment at once\"}")));
                forge.verify(1, postRequestedFor(urlEqualTo(notes)).withHeader("PRIVATE-TOKEN", equalTo(PreviewsOnAForge.TOKEN))
                        .withRequestBody(matchingJsonPath("$.body", containing("A changed"))));
                assertEquals("1", PreviewsOnAForge.value(h), "the preview wrote nothing");
            }
        } finally {
            forge.stop();
        }
    }

    private static final java.util.regex.Pattern README_CURL = java.util.regex.Pattern.compile(
            "\n(body='\\{\"action\":\"opened\".*\n+curl -H \"X-GitHub-Event: pull_request\" .*?) https://kustos\\.example\\.com/hooks/github\n");

    /** Runs the README's pull request curl (its body and curl lines) with bash, {@code sha} set to {@code head}; returns what it printed. */
    private static String runReadmeCurl(Path dir, String head, String url) throws Exception {
        var curl = README_CURL.matcher(java.nio.file.Files.readString(Path.of("README.md")));
        assertTrue(curl.find(), "README.md has no signed curl of a pull_request event for /hooks/github");
        Process p = new ProcessBuilder("bash", "-c", "sha=" + head + "\n" + curl.group(1) + " " + url).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }
}
