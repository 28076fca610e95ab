package io.kustos.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16, point 5, end to end: {@code kustos run} with GitHub previews (WireMock, requests
 * pinned). Pull requests 12 and 14 both change key {@code A} of the ConfigMap and key
 * {@code PASSWORD} of the Secret in staging (14 also changes {@code B}): the second's comment names
 * #12 on those two keys, and the first's comment is edited to name #14; no value appears. The
 * daemon restarts: it lists the open pull requests and previews them again, so when #12 then
 * closes, #14's comment is edited to drop it and #12's is marked outdated without conflicts.
 * Nothing is written to the cluster. A change merged to the branch but not applied yet is no
 * pull request's, so no conflict ({@link #aBranchChangeNotAppliedYetIsNoConflict}).
 */
class ConflictingPullRequestsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "environments/staging/app/config.yaml";
    private static final String SECRETS = "environments/staging/app/secrets.yaml";
    private static final String HOOK_SECRET = "hook-" + Long.toHexString(System.nanoTime());
    private static final String REPO = "/repos/platform/config";
    private static final List<String> PASSWORDS = List.of("old-pass-5150", "pr12-pass-7071", "pr14-pass-8282");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void bothCommentsNameTheOtherUntilOneCloses(String clusterName, @TempDir Path tmp) throws Exception {
        WireMockServer forge = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        forge.start();
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1", "B", "1"),
                SECRETS, secret("app-secrets", "PASSWORD", PASSWORDS.get(0))));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            PreviewsOnAForge.configure(h, tmp, HOOK_SECRET, "github", forge.baseUrl(), "retryDelay: 50ms");
            forge.stubFor(get(urlEqualTo(REPO + "/pulls?state=open&per_page=100&page=1")).willReturn(okJson("[]")));
            for (int n : new int[] {12, 14}) {
                comments(forge, n, "[]");
                forge.stubFor(post(urlEqualTo(REPO + "/issues/" + n + "/comments")).willReturn(created()));
            }
            forge.stubFor(patch(urlPathMatching(REPO + "/issues/comments/[78]")).willReturn(ok()));
            forge.stubFor(post(urlPathMatching(REPO + "/statuses/[0-9a-f]{40}")).willReturn(created()));
            String conflict12;
            String body14;
            String head12;
            String head14;

            try (var daemon = daemon(h, clients)) {
                var http = new DaemonHttp(daemon.port());
                DaemonHttp.await(Duration.ofSeconds(60), "the first reconcile, rollout and record",
                        () -> daemon.runs() >= 1 && "1".equals(PreviewsOnAForge.value(h))); // both previews then see the same cluster
                head12 = PullRequestRefs.push(h.config(), "refs/pull/12/head", "A=2, a new password", Map.of(
                        FILE, configMap("app-config", "A", "2", "B", "1"), SECRETS, secret("app-secrets", "PASSWORD", PASSWORDS.get(1))));
                head14 = PullRequestRefs.push(h.config(), "refs/pull/14/head", "A=3, B=2, another password", Map.of(
                        FILE, configMap("app-config", "A", "3", "B", "2"), SECRETS, secret("app-secrets", "PASSWORD", PASSWORDS.get(2))));

                hook(http, 12, "opened", head12);
                DaemonHttp.await(Duration.ofSeconds(60), "#12's status", () -> statuses(forge, head12) == 1);
                String body12 = body(forge.findAll(postRequestedFor(urlEqualTo(REPO + "/issues/12/comments"))).get(0));
                assertFalse(body12.contains("Conflicts"), "no other pull request yet:\n" + body12);
                comments(forge, 12, "[{\"id\":7,\"body\":" + JSON.createObjectNode().textNode(body12) + "}]");

                hook(http, 14, "opened", head14);
                DaemonHttp.await(Duration.ofSeconds(60), "#12's comment edited", () -> !forge.findAll(patchRequestedFor(urlEqualTo(REPO + "/issues/comments/7"))).isEmpty());
                body14 = body(forge.findAll(postRequestedFor(urlEqualTo(REPO + "/issues/14/comments"))).get(0));
                conflict12 = body(forge.findAll(patchRequestedFor(urlEqualTo(REPO + "/issues/comments/7"))).get(0));
                assertTrue(body14.startsWith("<!-- kustos-preview -->\n> [!WARNING]\n> **Conflicts with other open pull requests**"), body14);
                assertTrue(body14.contains(line(h, "configmap", "app-config", "A", "#12")) && body14.contains(line(h, "secret", "app-secrets", "PASSWORD", "#12")),
                        "#14 names #12 on A and PASSWORD:\n" + body14);
                assertFalse(body14.contains("key `B`: also"), "B is #14's alone:\n" + body14);
                assertEquals("<!-- kustos-preview -->\n" + section(body14).replace("#12", "#14") + body12.substring("<!-- kustos-preview -->\n".length()),
                        conflict12, "#12's comment: the same preview, now naming #14");
                forge.verify(1, postRequestedFor(urlEqualTo(REPO + "/issues/12/comments")).withHeader("Authorization", equalTo("Bearer " + PreviewsOnAForge.TOKEN)));
            }

            comments(forge, 12, "[{\"id\":7,\"body\":" + JSON.createObjectNode().textNode(conflict12) + "}]");
            comments(forge, 14, "[{\"id\":8,\"body\":" + JSON.createObjectNode().textNode(body14) + "}]");
            forge.stubFor(get(urlEqualTo(REPO + "/pulls?state=open&per_page=100&page=1")).willReturn(okJson("[" + open(12, head12) + "," + open(14, head14) + "]")));
            try (var daemon = daemon(h, clients)) { // a restart: only the forge knows the open pull requests
                var http = new DaemonHttp(daemon.port());
                DaemonHttp.await(Duration.ofSeconds(60), "both previewed again", () -> statuses(forge, head12) == 2 && statuses(forge, head14) == 2);
                hook(http, 12, "closed", head12);
                DaemonHttp.await(Duration.ofSeconds(60), "#14's comment without #12", () -> forge.findAll(patchRequestedFor(urlEqualTo(REPO + "/issues/comments/8")))
                        .stream().anyMatch(r -> !body(r).contains("Conflicts")));
                assertEquals(body14.replace(section(body14), ""), forge.findAll(patchRequestedFor(urlEqualTo(REPO + "/issues/comments/8"))).stream()
                        .map(ConflictingPullRequestsIT::body).filter(b -> !b.contains("Conflicts")).findFirst().orElseThrow());
                DaemonHttp.await(Duration.ofSeconds(60), "#12's comment outdated", () -> forge.findAll(patchRequestedFor(urlEqualTo(REPO + "/issues/comments/7")))
                        .stream().anyMatch(r -> body(r).contains("**Outdated**")));
                String outdated = forge.findAll(patchRequestedFor(urlEqualTo(REPO + "/issues/comments/7"))).stream().map(ConflictingPullRequestsIT::body)
                        .filter(b -> b.contains("**Outdated**")).findFirst().orElseThrow();
                assertFalse(outdated.contains("Conflicts"), "a closed pull request conflicts with none:\n" + outdated);
            }
            for (LoggedRequest r : forge.findAll(anyRequestedFor(anyUrl()))) {
                for (String password : PASSWORDS) {
                    assertFalse(r.getBodyAsString().contains(password), "a Secret value sent to the forge:\n" + r.getBodyAsString());
                }
            }
            assertEquals("1", PreviewsOnAForge.value(h), "the previews wrote nothing");
        } finally {
            forge.stop();
        }
    }

    /**
     * The false positive: the branch changed key {@code K}, and the daemon has not applied it (no
     * poll since: webhooks only, and none came). Pull requests 12 and 14, opened on top of it, change
     * {@code A} and {@code B}: their previews against the cluster both show {@code K}, but neither
     * changes it, so neither comment names the other. Pull request 16 changes {@code A} too: it and
     * #12 name each other on {@code A}, never on {@code K}.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aBranchChangeNotAppliedYetIsNoConflict(String clusterName, @TempDir Path tmp) throws Exception {
        WireMockServer forge = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        forge.start();
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1", "B", "1", "K", "1")));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            PreviewsOnAForge.configure(h, tmp, HOOK_SECRET, "github", forge.baseUrl(), "retryDelay: 50ms");
            forge.stubFor(get(urlEqualTo(REPO + "/pulls?state=open&per_page=100&page=1")).willReturn(okJson("[]")));
            for (int n : new int[] {12, 14, 16}) {
                comments(forge, n, "[]");
                forge.stubFor(post(urlEqualTo(REPO + "/issues/" + n + "/comments")).willReturn(created()));
            }
            forge.stubFor(patch(urlPathMatching(REPO + "/issues/comments/[0-9]+")).willReturn(ok()));
            forge.stubFor(post(urlPathMatching(REPO + "/statuses/[0-9a-f]{40}")).willReturn(created()));

            try (var daemon = daemon(h, clients)) {
                var http = new DaemonHttp(daemon.port());
                DaemonHttp.await(Duration.ofSeconds(60), "the first reconcile, rollout and record",
                        () -> daemon.runs() >= 1 && "1".equals(PreviewsOnAForge.value(h)));
                h.config().commit("K=9, merged, not applied yet", Map.of(FILE, configMap("app-config", "A", "1", "B", "1", "K", "9")));
                String head12 = PullRequestRefs.push(h.config(), "refs/pull/12/head", "A=2", Map.of(FILE, configMap("app-config", "A", "2", "B", "1", "K", "9")));
                String head14 = PullRequestRefs.push(h.config(), "refs/pull/14/head", "B=2", Map.of(FILE, configMap("app-config", "A", "1", "B", "2", "K", "9")));
                String head16 = PullRequestRefs.push(h.config(), "refs/pull/16/head", "A=3", Map.of(FILE, configMap("app-config", "A", "3", "B", "1", "K", "9")));

                hook(http, 12, "opened", head12);
                DaemonHttp.await(Duration.ofSeconds(60), "#12's status", () -> statuses(forge, head12) == 1);
                String body12 = body(forge.findAll(postRequestedFor(urlEqualTo(REPO + "/issues/12/comments"))).get(0));
                comments(forge, 12, "[{\"id\":7,\"body\":" + JSON.createObjectNode().textNode(body12) + "}]");
                assertTrue(body12.contains("K changed"), "the preview against the cluster shows the branch's K:\n" + body12);

                hook(http, 14, "opened", head14);
                DaemonHttp.await(Duration.ofSeconds(60), "#14's status", () -> statuses(forge, head14) == 1);
                String body14 = body(forge.findAll(postRequestedFor(urlEqualTo(REPO + "/issues/14/comments"))).get(0));
                assertFalse(body14.contains("Conflicts"), "#14 changes B only, #12 A only:\n" + body14);

                hook(http, 16, "opened", head16);
                DaemonHttp.await(Duration.ofSeconds(60), "#12's comment edited", () -> !forge.findAll(patchRequestedFor(urlEqualTo(REPO + "/issues/comments/7"))).isEmpty());
                String body16 = body(forge.findAll(postRequestedFor(urlEqualTo(REPO + "/issues/16/comments"))).get(0));
                String conflict12 = body(forge.findAll(patchRequestedFor(urlEqualTo(REPO + "/issues/comments/7"))).get(0));
                assertEquals(line(h, "configmap", "app-config", "A", "#12"), section(body16).lines().filter(l -> l.startsWith("> - "))
                        .map(l -> l + "\n").reduce("", String::concat), "#16 names #12 on A alone:\n" + body16);
                assertEquals(line(h, "configmap", "app-config", "A", "#16"), section(conflict12).lines().filter(l -> l.startsWith("> - "))
                        .map(l -> l + "\n").reduce("", String::concat), "#12 names #16 on A alone, not #14:\n" + conflict12);
                assertEquals(List.of(), forge.findAll(patchRequestedFor(urlPathMatching(REPO + "/issues/comments/[0-9]+"))).stream()
                        .map(ConflictingPullRequestsIT::body).filter(b -> b.contains("key `K`: also")).toList(), "no comment names a conflict on K");
            }
            assertEquals("1", h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("K"),
                    "K was never applied: the previews ran with the branch ahead of the cluster");
        } finally {
            forge.stop();
        }
    }

    private static KustosDaemon daemon(KustosHarness h, ClusterClients clients) throws Exception {
        var daemon = new KustosDaemon(ConfigLoader.load(h.kustosYaml()), new Renderer(Decryptor.NONE), clients, Duration.ofSeconds(10));
        daemon.start();
        return daemon;
    }

    private static void hook(DaemonHttp http, int number, String action, String head) {
        var answer = http.hook(WebhookProvider.GITHUB, PreviewsOnAForge.pullRequest(number, action, head), HOOK_SECRET, Map.of("X-GitHub-Event", "pull_request"));
        assertEquals(202, answer.statusCode(), answer.body());
    }

    private static void comments(WireMockServer forge, int number, String json) {
        forge.stubFor(get(urlEqualTo(REPO + "/issues/" + number + "/comments?per_page=100&page=1")).willReturn(okJson(json)));
    }

    private static int statuses(WireMockServer forge, String head) {
        return forge.findAll(postRequestedFor(urlEqualTo(REPO + "/statuses/" + head))).size();
    }

    private static String open(int number, String head) {
        return "{\"number\":" + number + ",\"head\":{\"sha\":\"" + head + "\",\"repo\":{\"full_name\":\"platform/config\"}},"
                + "\"base\":{\"repo\":{\"full_name\":\"platform/config\"}}}";
    }

    private static String line(KustosHarness h, String kind, String name, String key, String other) {
        return "> - staging: `" + kind + "/" + h.namespace() + "/" + name + "` key `" + key + "`: also changed by " + other + "\n";
    }

    /** The conflict section of a comment: from its warning to its empty line. */
    private static String section(String body) {
        return body.replaceFirst("(?s)^<!-- kustos-preview -->\n(> \\[!WARNING\\].*?\n\n).*", "$1");
    }

    private static String body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString()).path("body").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
