package io.kustos.runtime;

import io.kustos.testsupport.RunsAlone;
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
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
@RunsAlone
class AStuckForgeDelaysNoReconcileIT {
    private static final String FILE = "environments/staging/app/config.yaml";
    private static final String SECRET = "hook-" + Long.toHexString(System.nanoTime());

    @Execution(ExecutionMode.CONCURRENT) // its cases two at a time (failsafe's JUnit settings); the class runs alone
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
            PreviewsOnAForge.configure(h, tmp, SECRET, "github", forge.baseUrl(), "retries: 0");
            var config = ConfigLoader.load(h.kustosYaml());
            try (var daemon = new KustosDaemon(new Agent(config, clients, new Renderer(Decryptor.NONE), Clock.systemUTC()),
                    Duration.ofSeconds(10), preview)) {
                daemon.start();
                var http = new DaemonHttp(daemon.port());
                DaemonHttp.await(Duration.ofSeconds(60), "the first reconcile", () -> "1".equals(PreviewsOnAForge.value(h)));

                var pr = http.hook(WebhookProvider.GITHUB, PreviewsOnAForge.pullRequest("opened", "0123456789abcdef0123456789abcdef01234567"), SECRET, Map.of("X-GitHub-Event", "pull_request"));
                assertEquals(202, pr.statusCode(), pr.body());
                assertTrue(pr.body().contains("pull request preview queued"), pr.body());
                DaemonHttp.await(Duration.ofSeconds(20), "the report to reach the stuck forge",
                        () -> previews.get() == 1 && !forge.getAllServeEvents().isEmpty());

                h.config().commit("A=2", Map.of(FILE, configMap("app-config", "A", "2")));
                var push = http.hook(WebhookProvider.GITHUB, "{\"ref\":\"refs/heads/main\"}", SECRET, Map.of("X-GitHub-Event", "push"));
                assertEquals(202, push.statusCode(), push.body());
                DaemonHttp.await(Duration.ofSeconds(30), "A=2 applied while the forge hangs", () -> "2".equals(PreviewsOnAForge.value(h)));
                assertEquals(0, forge.findAll(postRequestedFor(anyUrl())).size(), "the forge is still stuck on the first call");
            }
        } finally {
            forge.stop();
        }
    }
}
