package io.kustos.runtime;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.failure.FailureReason;
import io.kustos.reconcile.ReconcileLoop;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.render.Renderer;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * An API server that throttles the dry run (HTTP 429): the daemon's next poll comes after the
 * throttle's retry-after, not after the interval or a backoff. The server asks for 2 s (its Status's
 * {@code details.retryAfterSeconds}): each of the write's own retries waits that too, so a longer delay
 * would only make the test slower (the 5 s taken when the server names none: {@code ApiFaultReasonsTest}).
 */
@WireMockTest
class ThrottledReconcileIsRetriedAfterItsDelayTest {
    /** Neither the interval (1m), nor a backoff of it, nor the shortest wait (1 s): the server's own. */
    private static final int RETRY_AFTER_SECONDS = 2;

    @Test
    void aThrottledDryRunIsRetriedAfterTheDelayTheServerAsksFor(@TempDir Path tmp, WireMockRuntimeInfo wm) throws Exception {
        stubFor(get(urlPathMatching("/api/v1/namespaces/staging/(configmaps|secrets)"))
                .willReturn(okJson("{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[]}")));
        stubFor(get(urlPathMatching("/apis/apps/v1/namespaces/staging/(deployments|statefulsets|daemonsets)"))
                .willReturn(okJson("{\"kind\":\"List\",\"apiVersion\":\"apps/v1\",\"metadata\":{},\"items\":[]}")));
        stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}")));
        // the write lock: none yet, and taking it succeeds
        stubFor(post(urlPathEqualTo("/apis/coordination.k8s.io/v1/namespaces/staging/leases")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\","
                        + "\"metadata\":{\"name\":\"kustos-lock-staging\",\"namespace\":\"staging\",\"resourceVersion\":\"1\"},\"spec\":{}}")));
        stubFor(patch(urlPathEqualTo("/api/v1/namespaces/staging/configmaps/app-config")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "0")
                .withBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"TooManyRequests\",\"code\":429,"
                        + "\"details\":{\"retryAfterSeconds\":" + RETRY_AFTER_SECONDS + "}}")));
        Path kubeconfig = tmp.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [ { name: wm, cluster: { server: "%s" } } ]
                users: [ { name: wm, user: { token: t } } ]
                contexts: [ { name: wm, context: { cluster: wm, user: wm } } ]
                current-context: wm
                """.formatted(wm.getHttpBaseUrl()));
        try (TestRepo config = TestRepos.create(tmp.resolve("repos"), "config", Map.of("environments/staging/app/config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: app-config }
                data: { LOG_LEVEL: debug }
                """));
             TestRepo releases = TestRepos.create(tmp.resolve("repos"), "releases", Map.of("environments/staging/release.yaml",
                     "apiVersion: kustos.io/v1\nkind: Release\nenvironment: staging\nworkloads: []\n"));
             var clients = new ClusterClients(kubeconfig, null)) {
            var cfg = ConfigLoader.parse("""
                    sources:
                      config:   { url: "%s" }
                      releases: { url: "%s" }
                    targets: [ { environment: staging, namespace: staging } ]
                    sync: { interval: 1m }
                    cacheDir: cache
                    """.formatted(config.fileUrl(), releases.fileUrl()), tmp, "kustos.yaml", Map.of());
            List<ReconcileReport> reports = new ArrayList<>();
            var loop = new ReconcileLoop(cfg, new Renderer(Decryptor.NONE), clients, reports::add);

            var report = loop.runOnce();

            assertTrue(report.isPresent(), "reconciled");
            assertEquals(FailureReason.THROTTLED, report.get().firstError().reason(), report.get().firstError().getMessage());
            assertEquals(Duration.ofSeconds(RETRY_AFTER_SECONDS), loop.nextDelay());
        }
    }
}
