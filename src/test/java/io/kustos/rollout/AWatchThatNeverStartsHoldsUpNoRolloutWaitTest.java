package io.kustos.rollout;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.dsl.Watchable;
import io.kustos.render.DesiredWorkload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.kustos.rollout.DeploymentStubs.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * review12a #4: a server that takes the watch's request and never answers it (fabric8 waits for the
 * start with no bound of its own; this client has no request timeout either) holds the rollout wait up
 * neither past its deadline nor past its quiet read. Without the start on a thread of its own, both
 * waits hung in fabric8's watch() until the preemptive bound. A start that fails with an {@link Error}
 * is a refused one: the group is read in rounds.
 */
@WireMockTest
class AWatchThatNeverStartsHoldsUpNoRolloutWaitTest {
    /** Far beyond any wait here: a watch start nobody answers (WireMock cuts it when it stops). */
    private static final int NEVER_MS = 120_000;
    /** Only a bound for a wait that hangs (it failed so before the fix); no timing is asserted. */
    private static final Duration HUNG = Duration.ofSeconds(20);
    private KubernetesClient client;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        client = new KubernetesClientBuilder().withConfig(config(wm).withRequestTimeout(0).build()).build();
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
        rolledOutFromRead(2);
        var watches = new RecordingWatches(WorkloadWatches.of(client));

        assertTimeoutPreemptively(HUNG, () -> watches.waiter(client, Duration.ofMillis(200)).await(workloads(), Duration.ofMinutes(1)));

        assertEquals(1, watches.opened(), "watched once, never answered");
        verify(2, getRequestedFor(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("watch", absent()));
    }

    /**
     * review14 S3: a start that throws an Error (here a class fabric8's watch needs, missing) is refused as any other
     * failure: the group is read at once and then in rounds (rolled out at the third read), never watched again. Before,
     * the Error was kept by the start task's future, which nobody reads: the start neither began nor was refused, and the
     * group was only read after its quiet time (here far beyond the deadline, so the wait failed).
     */
    @Test
    void aStartThatFailsWithAnErrorIsRefusedAndTheGroupIsReadInRounds() {
        rolledOutFromRead(3);
        var watches = new RecordingWatches(WorkloadWatches.of(client, (kind, namespace) -> startFailingWith(
                new NoClassDefFoundError("io/fabric8/kubernetes/client/http/WebSocket"))));

        watches.waiter(client, Duration.ofHours(1)).await(workloads(), Duration.ofMinutes(1));

        assertEquals(1, watches.opened(), "watched once, refused, then not watched again");
        verify(3, getRequestedFor(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("watch", absent()));
        verify(0, getRequestedFor(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("watch", equalTo("true")));
    }

    /** Both Deployments pending at the reads before the {@code n}-th, rolled out from it on. */
    private static void rolledOutFromRead(int n) {
        for (int i = 1; i < n; i++) {
            stubFor(get(urlPathEqualTo(DEPLOYMENTS)).atPriority(2).inScenario("rolling").whenScenarioStateIs(i == 1 ? STARTED : "read " + i)
                    .willReturn(okJson(list(json("a", 1), json("b", 1)))).willSetStateTo("read " + (i + 1)));
        }
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).atPriority(2).inScenario("rolling").whenScenarioStateIs("read " + n)
                .willReturn(okJson(list(json("a", 2), json("b", 2)))));
    }

    /** Operations whose every watch start throws {@code error}. */
    private static Watchable<HasMetadata> startFailingWith(Error error) {
        return new Watchable<>() {
            @Override
            public Watch watch(Watcher<HasMetadata> watcher) {
                throw error;
            }

            @Override
            public Watch watch(ListOptions options, Watcher<HasMetadata> watcher) {
                throw error;
            }

            @Override
            public Watch watch(String resourceVersion, Watcher<HasMetadata> watcher) {
                throw error;
            }
        };
    }

    private static List<DesiredWorkload> workloads() {
        return List.of(deployment("a", 0), deployment("b", 1));
    }
}
