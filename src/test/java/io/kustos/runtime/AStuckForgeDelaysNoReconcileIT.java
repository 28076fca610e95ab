package io.kustos.runtime;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kustos.agent.Agent;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.runtime.forge.PullRequestPreview;
import io.kustos.testsupport.DaemonHttp;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code kustos run} with {@code previews:} on a forge that answers nothing for a minute
 * (WireMock, fixed delay): a pull request webhook is answered at once;
 * while its report hangs on the forge, a push webhook still gets its commit applied.
 */
class AStuckForgeDelaysNoReconcileIT {
    private static final String FILE = "environments/staging/app/config.yaml";
    private static final String SECRET = "hook-" + Long.toHexString(System.nanoTime());
    private static final String PULL_REQUEST = """
            {"action":"opened","number":12,"pull_request":{"number":12,
              "head":{"sha":"0123456789abcdef0123456789abcdef01234567","repo":{"full_name":"platform/config"}},
              "base":{"repo":{"full_name":"platform/config"}}}}
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aPushIsAppliedWhileTheForgeHangs(String clusterName, @TempDir Path tmp) throws Exception {
        WireMockServer forge = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        forge.start();
        forge.stubFor(any(anyUrl()).willReturn(okJson("[]").withFixedDelay(60_000)));
        AtomicInteger previews = new AtomicInteger();
        PullRequestPreview preview = (side, pr) -> {
            previews.incrementAndGet();
            return new PullRequestPreview.Verdict("### Kustos preview\n", true, "nothing would change");
        };
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")));
             var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
            Files.writeString(tmp.resolve("hook-secret"), SECRET + "\n");
            Files.writeString(tmp.resolve("forge-token"), "forge-token\n");
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h }
                    server: { port: 0, host: 127.0.0.1, webhookSecretFile: hook-secret }
                    previews: { forge: github, apiUrl: "%s", tokenFile: forge-token, configRepo: platform/config, retries: 0 }
                    """.formatted(forge.baseUrl()));
            var config = ConfigLoader.load(h.kustosYaml());
            try (var daemon = new KustosDaemon(new Agent(config, clients, new Renderer(Decryptor.NONE), Clock.systemUTC()),
                    Duration.ofSeconds(10), preview)) {
                daemon.start();
                var http = new DaemonHttp(daemon.port());
                DaemonHttp.await(Duration.ofSeconds(60), "the first reconcile", () -> "1".equals(value(h)));

                var pr = http.hook(WebhookProvider.GITHUB, PULL_REQUEST, SECRET, Map.of("X-GitHub-Event", "pull_request"));
                assertEquals(202, pr.statusCode(), pr.body());
                assertTrue(pr.body().contains("pull request preview queued"), pr.body());
                DaemonHttp.await(Duration.ofSeconds(20), "the report to reach the stuck forge",
                        () -> previews.get() == 1 && !forge.getAllServeEvents().isEmpty());

                h.config().commit("A=2", Map.of(FILE, configMap("app-config", "A", "2")));
                var push = http.hook(WebhookProvider.GITHUB, "{\"ref\":\"refs/heads/main\"}", SECRET, Map.of("X-GitHub-Event", "push"));
                assertEquals(202, push.statusCode(), push.body());
                DaemonHttp.await(Duration.ofSeconds(30), "A=2 applied while the forge hangs", () -> "2".equals(value(h)));
                assertEquals(0, forge.findAll(postRequestedFor(anyUrl())).size(), "the forge is still stuck on the first call");
            }
        } finally {
            forge.stop();
        }
    }

    private static String value(KustosHarness h) {
        var cm = h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get();
        return cm == null ? null : cm.getData().get("A");
    }
}
