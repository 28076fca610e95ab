package io.kustos.rollout;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.*;

/**
 * review12a #4: a server that takes the watch's request and never answers it (fabric8 waits for the
 * start with no bound of its own; this client has no request timeout either) holds the rollout wait up
 * neither past its deadline nor past its quiet read. Without the start on a thread of its own, both
 * waits hung in fabric8's watch() until the preemptive bound.
 */
@WireMockTest
class AWatchThatNeverStartsHoldsUpNoRolloutWaitTest {
    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/staging/deployments";
    /** Far beyond any wait here: a watch start nobody answers (WireMock cuts it when it stops). */
    private static final int NEVER_MS = 120_000;
    /** Only a bound for a wait that hangs (it failed so before the fix); no timing is asserted. */
    private static final Duration HUNG = Duration.ofSeconds(20);
    private KubernetesClient client;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(wm.getHttpBaseUrl())
                .withRequestRetryBackoffLimit(0).withRequestTimeout(0).build()).build();
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("watch", equalTo("true")).atPriority(1)
                .willReturn(aResponse().withFixedDelay(NEVER_MS).withStatus(500)));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void theWaitEndsAtItsDeadline() {
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).atPriority(2).willReturn(okJson(list(json("a", 1), json("b", 1)))));

        var e = assertThrows(RolloutFailedException.class, () -> assertTimeoutPreemptively(HUNG, () ->
                new RolloutWaiter(client, Duration.ofMillis(100), Clock.systemUTC()).await(workloads(), Duration.ofSeconds(1))));

        assertTrue(e.getMessage().contains("deployment/staging/a: rollout did not finish within 1s"), e.getMessage());
        verify(1, getRequestedFor(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("watch", absent()));
    }

    @Test
    void aRolloutThatFinishesMeanwhileIsSeenByTheQuietRead() {
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).atPriority(2).inScenario("rolling").whenScenarioStateIs(STARTED)
                .willReturn(okJson(list(json("a", 1), json("b", 1)))).willSetStateTo("done"));
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).atPriority(2).inScenario("rolling").whenScenarioStateIs("done")
                .willReturn(okJson(list(json("a", 2), json("b", 2)))));

        var opened = new java.util.concurrent.atomic.AtomicInteger();
        var real = WorkloadWatches.of(client);
        WorkloadWatches counted = (kind, namespace, name, resourceVersion, signals) -> {
            opened.incrementAndGet();
            return real.open(kind, namespace, name, resourceVersion, signals);
        };

        assertTimeoutPreemptively(HUNG, () -> new RolloutWaiter(client, Duration.ofMillis(100), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()), counted, Duration.ofMillis(200)).await(workloads(), Duration.ofMinutes(1)));

        assertEquals(1, opened.get(), "watched once, never answered");
        verify(2, getRequestedFor(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("watch", absent()));
    }

    private static List<DesiredWorkload> workloads() {
        return List.of(deployment("a", 0), deployment("b", 1));
    }

    private static DesiredWorkload deployment(String name, int index) {
        return new DesiredWorkload(new ObjectKey("apps/v1", "Deployment", "staging", name), new TreeMap<>(Map.of("app", "registry.example.com/app:1.0.0")),
                "releases:environments/staging/release.yaml", "workloads[" + index + "]");
    }

    /** A Deployment at generation 2 whose controller saw {@code observed}: done when it saw 2 (replicas 0). */
    private static String json(String name, int observed) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","namespace":"staging","generation":2,"resourceVersion":"%d"},
                 "spec":{"replicas":0},"status":{"observedGeneration":%d}}""".formatted(name, 5 + observed, observed);
    }

    private static String list(String... items) {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"DeploymentList\",\"metadata\":{\"resourceVersion\":\"7\"},\"items\":[" + String.join(",", items) + "]}";
    }
}
