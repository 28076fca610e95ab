package io.kustos.runtime;

import io.kustos.testsupport.RunsAlone;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosProcess;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.kustos.testsupport.KustosHarness.configMap;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * With {@code sharding:} every replica reconciles, but one only previews pull requests and reports on
 * the forge: the holder of the Lease {@code kustos-previews}. Of two replicas, one lists the forge's
 * open pull requests at start; a pull request webhook to the other is passed on, and the first lists
 * them again at once; when it stops, the other takes the Lease and lists them.
 */
@RunsAlone
class OneShardedReplicaPreviewsIT {
    private static final String OPEN = "/repos/platform/config/pulls?state=open&per_page=100&page=1";
    private static final String PREVIEWING = "open: previewed again";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void oneReplicaPreviewsAndAnotherTakesOverWhenItStops(String clusterName, @TempDir Path tmp) throws Exception {
        WireMockServer forge = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        forge.start();
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")))) {
            forge.stubFor(get(urlEqualTo(OPEN)).willReturn(okJson("[]")));
            Files.writeString(tmp.resolve("hook-secret"), "s3cret\n");
            Files.writeString(tmp.resolve("forge-token"), "forge-token-5\n");
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + """
                    sync: { interval: 1h }
                    server: { port: 0, host: 127.0.0.1, webhookSecretFile: hook-secret }
                    previews: { forge: github, apiUrl: "%s", tokenFile: forge-token, configRepo: platform/config }
                    sharding: { enabled: true, namespace: %s, leaseDuration: 5s, renewDeadline: 3s, retryPeriod: 500ms }
                    """.formatted(forge.baseUrl(), h.namespace()));
            Map<String, KustosProcess> replicas = new LinkedHashMap<>();
            try {
                for (String name : List.of("a", "b")) {
                    replicas.put(name, KustosProcess.startWith(tmp.resolve("replicas"), name, Map.of(), List.of("run",
                            "--config", h.kustosYamlWithCache("cache-" + name).toString(), "--kubeconfig", h.cluster().kubeconfig().toString())));
                }
                await("one replica lists the open pull requests").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                        .until(() -> alive(replicas) && replicas.values().stream().anyMatch(p -> p.stderr().contains(PREVIEWING)));
                Lease lease = h.cluster().client().leases().inNamespace(h.namespace()).withName(KustosDaemon.PREVIEW_LEASE).get();
                assertNotNull(lease, "the Lease " + KustosDaemon.PREVIEW_LEASE);
                String first = replicas.keySet().stream().filter(n -> replicas.get(n).stderr().contains(PREVIEWING)).findFirst().orElseThrow();
                String other = first.equals("a") ? "b" : "a";
                assertTrue(lease.getSpec().getHolderIdentity().endsWith("-" + replicas.get(first).pid()), lease.getSpec().getHolderIdentity());
                assertFalse(replicas.get(other).stderr().contains(PREVIEWING), replicas.get(other).printed());
                assertEquals(1, forge.findAll(getRequestedFor(urlEqualTo(OPEN))).size(), "listed by one replica only");

                var listening = java.util.regex.Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
                await("the other replica listens").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                        .until(() -> listening.matcher(replicas.get(other).stderr()).find());
                var port = listening.matcher(replicas.get(other).stderr());
                assertTrue(port.find());
                var answer = new io.kustos.testsupport.DaemonHttp(Integer.parseInt(port.group(1))).hook(WebhookProvider.GITHUB,
                        PreviewsOnAForge.pullRequest("opened", "0123456789abcdef0123456789abcdef01234567"), "s3cret",
                        Map.of("X-GitHub-Event", "pull_request"));
                assertEquals(202, answer.statusCode(), answer.body());
                assertTrue(answer.body().contains("passed on to the replica that previews"), answer.body());
                await("the previewing replica lists them again at once").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                        .until(() -> alive(replicas) && forge.findAll(getRequestedFor(urlEqualTo(OPEN))).size() == 2);

                KustosProcess leaving = replicas.remove(first);
                leaving.terminate();
                leaving.awaitExit(Duration.ofMinutes(1));
                await("the other replica takes the Lease and lists them").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300))
                        .until(() -> alive(replicas) && replicas.get(other).stderr().contains(PREVIEWING));
                assertEquals(3, forge.findAll(getRequestedFor(urlEqualTo(OPEN))).size());
            } finally {
                replicas.values().forEach(KustosProcess::close);
            }
        } finally {
            forge.stop();
        }
    }

    private static boolean alive(Map<String, KustosProcess> replicas) {
        replicas.values().forEach(p -> assertTrue(p.isAlive(), () -> "a replica stopped:\n" + p.printed()));
        return true;
    }
}
