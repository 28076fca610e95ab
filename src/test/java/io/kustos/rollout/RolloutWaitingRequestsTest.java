package io.kustos.rollout;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.render.ObjectKey;
import io.kustos.testsupport.MovingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.kustos.rollout.DeploymentStubs.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Where a group cannot be watched, waiting costs one request per kind and namespace a round: a list
 * where several workloads are pending, a list of its name where only one is left. What it reports is the same as
 * when it read each workload. (WireMock speaks no websocket: these waiters poll, but the one of
 * {@link #aWatchThatCannotStartFallsBackToPolling}.)
 */
@WireMockTest
class RolloutWaitingRequestsTest {
    private static final String REPLICA_SETS = "/apis/apps/v1/namespaces/staging/replicasets";
    private KubernetesClient client;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        client = new KubernetesClientBuilder().withConfig(config(wm).build()).build();
    }

    /** A waiter that never watches and sleeps between its rounds. */
    private RolloutWaiter polling() {
        return new RolloutWaiter(client, Duration.ofMillis(1), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    @Test
    void aWatchThatCannotStartFallsBackToPolling() {
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("watch", equalTo("true")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withBody("{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}")));
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).atPriority(2).inScenario("rolling").whenScenarioStateIs(STARTED)
                .willReturn(okJson(list(json("a", 1), json("b", 1)))).willSetStateTo("done"));
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).atPriority(2).inScenario("rolling").whenScenarioStateIs("done")
                .willReturn(okJson(list(json("a", 2), json("b", 2)))));

        new RolloutWaiter(client, Duration.ofMillis(1), Clock.systemUTC()).await(List.of(deployment("a", 0), deployment("b", 1)), Duration.ofMinutes(1));

        verify(1, getRequestedFor(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("watch", equalTo("true")));
        verify(2, getRequestedFor(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("watch", absent()));
    }

    /** A start answered 410 Gone (the resourceVersion is too old) reads again and watches once more; a second 410 polls. */
    @Test
    void aWatchStartAnsweredGoneIsReadAndWatchedOnceMore() {
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("watch", equalTo("true")).atPriority(1)
                .willReturn(aResponse().withStatus(410).withBody("{\"kind\":\"Status\",\"code\":410,\"reason\":\"Expired\"}")));
        for (String[] step : new String[][]{{STARTED, "1", "second"}, {"second", "1", "third"}, {"third", "2", "third"}}) {
            stubFor(get(urlPathEqualTo(DEPLOYMENTS)).atPriority(2).inScenario("gone").whenScenarioStateIs(step[0])
                    .willReturn(okJson(list(json("a", Integer.parseInt(step[1])), json("b", Integer.parseInt(step[1]))))).willSetStateTo(step[2]));
        }

        new RolloutWaiter(client, Duration.ofMillis(1), Clock.systemUTC()).await(List.of(deployment("a", 0), deployment("b", 1)), Duration.ofMinutes(1));

        verify(2, getRequestedFor(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("watch", equalTo("true")));
        verify(3, getRequestedFor(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("watch", absent()));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void manyPendingInOneNamespaceAreOneListARoundAndTheLastOneIsAListOfItsName() {
        // round 1: d0..d49 done but d7 still rolling, and an unrelated Deployment Kustos does not wait for
        var items = IntStream.range(0, 50).mapToObj(i -> json("d" + i, i == 7 ? 1 : 2)).collect(Collectors.toList());
        items.add(json("not-ours", 1));
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).atPriority(2).willReturn(okJson(list(items.toArray(String[]::new)))));
        stubFor(named("d7").atPriority(1).willReturn(okJson(list(json("d7", 2)))));
        stubFor(get(urlPathEqualTo("/apis/apps/v1/namespaces/other/statefulsets")).withQueryParam("fieldSelector", equalTo("metadata.name=db"))
                .willReturn(okJson("""
                {"apiVersion":"apps/v1","kind":"StatefulSetList","metadata":{"resourceVersion":"7"},"items":[
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"other","generation":1},
                 "spec":{"replicas":0},"status":{"observedGeneration":1,"readyReplicas":0}}]}""")));

        var keys = new java.util.ArrayList<>(IntStream.range(0, 50).mapToObj(i -> deployment("d" + i, i)).toList());
        keys.add(workload(new ObjectKey("apps/v1", "StatefulSet", "other", "db"), 50));
        polling().await(keys, Duration.ofMinutes(1));

        verify(1, getRequestedFor(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("fieldSelector", absent()));
        verify(1, getRequestedFor(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("fieldSelector", equalTo("metadata.name=d7")));
        verify(1, getRequestedFor(urlPathEqualTo("/apis/apps/v1/namespaces/other/statefulsets")).withQueryParam("fieldSelector", equalTo("metadata.name=db")));
        assertEquals(3, getAllServeEvents().size());
    }

    @Test
    void aLongWaitIsReadEveryPollAtFirstThenAnEighthOfTheTimeWaitedAtMostFiveSeconds() {
        // two Deployments whose controller never catches up, waited for 40 s of a clock the sleeps move on
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).willReturn(okJson(list(json("a", 1), json("b", 1)))));
        var clock = new MovingClock(java.time.Instant.EPOCH);
        var sleeps = new java.util.ArrayList<Duration>();
        var waiter = new RolloutWaiter(client, Duration.ofMillis(500), clock, d -> {
            sleeps.add(d);
            clock.advance(d);
        });

        assertThrows(RolloutFailedException.class, () -> waiter.await(List.of(deployment("a", 0), deployment("b", 1)), Duration.ofSeconds(40)));

        assertEquals(List.of(Duration.ofMillis(500)), sleeps.subList(0, 8).stream().distinct().toList(), "the first 4 s at the poll's pace");
        assertTrue(sleeps.stream().allMatch(d -> d.compareTo(Duration.ofSeconds(5)) <= 0), sleeps.toString());
        Duration waited = Duration.ZERO;
        for (Duration d : sleeps) {
            assertTrue(d.compareTo(Duration.ofMillis(500)) >= 0 && d.compareTo(waited.dividedBy(8).plusMillis(500)) <= 0, sleeps.toString());
            waited = waited.plus(d);
        }
        // polled every half second, it was 82 lists of the namespace in 40 s
        int lists = getAllServeEvents().size();
        assertTrue(lists <= 30, lists + " lists: " + sleeps);
        assertEquals(sleeps.size() + 1, lists);
    }

    @Test
    void theLastWaitEndsAtTheDeadlineWhereTheLastRoundIsRead() {
        // 43 s: the waits grow to 5 s, and an uncapped last one would end at 45 s, 2 s past the deadline
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).willReturn(okJson(list(json("a", 1), json("b", 1)))));
        var clock = new MovingClock(java.time.Instant.EPOCH);
        var sleeps = new java.util.ArrayList<Duration>();
        var waiter = new RolloutWaiter(client, Duration.ofMillis(500), clock, d -> {
            sleeps.add(d);
            clock.advance(d);
        });

        assertThrows(RolloutFailedException.class, () -> waiter.await(List.of(deployment("a", 0), deployment("b", 1)), Duration.ofSeconds(43)));

        assertEquals(Duration.ofSeconds(43), sleeps.stream().reduce(Duration.ZERO, Duration::plus), sleeps.toString());
        assertEquals(sleeps.size() + 1, getAllServeEvents().size(), "a round read at the deadline, then the timeout");
    }

    @Test
    void aWorkloadMissingFromTheListWasDeletedAndFailsAsBefore() {
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).willReturn(okJson(list(json("a", 1)))));
        var e = assertThrows(RolloutFailedException.class, () -> polling()
                .await(List.of(deployment("a", 0), deployment("gone", 1)), Duration.ofMinutes(1)));
        assertEquals(RELEASE + ": workloads[1]: deployment/staging/gone: rollout failed: the workload was deleted", e.getMessage());
    }

    @Test
    void progressDeadlineExceededIsReportedForEachWorkloadInOrderNamingWhereTheReleaseManifestDeclaresIt() {
        String stuck = """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","namespace":"staging","generation":2},
                 "spec":{"replicas":1},"status":{"observedGeneration":2,"replicas":1,"updatedReplicas":1,"availableReplicas":0,
                 "conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded",
                                "message":"ReplicaSet \\"%s-1\\" has timed out progressing."}]}}""";
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).willReturn(okJson(list(stuck.formatted("web", "web"), json("ok", 2), stuck.formatted("api", "api")))));
        for (String name : new String[] {"web-1", "api-1"}) {
            stubFor(get(urlPathEqualTo(REPLICA_SETS + "/" + name)).willReturn(okJson("""
                    {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"%s","namespace":"staging"},"spec":{"replicas":1}}"""
                    .formatted(name))));
        }
        var e = assertThrows(RolloutFailedException.class, () -> polling()
                .await(List.of(deployment("web", 0), deployment("ok", 1), deployment("api", 2)), Duration.ofMinutes(1)));
        assertEquals("""
                releases:environments/staging/release.yaml: workloads[0]: deployment/staging/web: rollout failed: ProgressDeadlineExceeded: \
                ReplicaSet "web-1" has timed out progressing.
                releases:environments/staging/release.yaml: workloads[2]: deployment/staging/api: rollout failed: ProgressDeadlineExceeded: \
                ReplicaSet "api-1" has timed out progressing.""", e.getMessage());
    }

    @Test
    void aRolloutThatDoesNotFinishInTimeNamesWhereTheReleaseManifestDeclaresIt() {
        stubFor(named("slow").willReturn(okJson(list(json("slow", 1)))));
        // the deadline is set at the start; the first wait between two reads moves the clock two minutes on
        var clock = new MovingClock(java.time.Instant.EPOCH);
        var e = assertThrows(RolloutFailedException.class, () -> new RolloutWaiter(client, Duration.ofMillis(1), clock,
                d -> clock.advance(Duration.ofMinutes(2))).await(List.of(deployment("slow", 3)), Duration.ofMinutes(1)));
        assertTrue(e.getMessage().startsWith(RELEASE + ": workloads[3]: deployment/staging/slow: rollout did not finish within 60s ("),
                e.getMessage());
    }

    @Test
    void aDeadlineLeftOverFromTheLastReplicaSetIsReadOnceAndWaitedPast() {
        String web = """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"staging","generation":3},
                 "spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"web","image":"web:1"}]}}},
                 "status":{"observedGeneration":3,"replicas":%d,"updatedReplicas":1,"availableReplicas":1,
                 "conditions":[{"type":"Progressing","status":"%s","reason":"%s","message":"ReplicaSet \\"%s\\" has %s."}]}}""";
        stubFor(named("web").inScenario("rollback").whenScenarioStateIs("Started")
                .willReturn(okJson(list(web.formatted(2, "False", "ProgressDeadlineExceeded", "web-2", "timed out progressing"))))
                .willSetStateTo("synced"));
        stubFor(named("web").inScenario("rollback").whenScenarioStateIs("synced")
                .willReturn(okJson(list(web.formatted(1, "True", "NewReplicaSetAvailable", "web-1", "successfully progressed")))));
        stubFor(get(urlPathEqualTo(REPLICA_SETS + "/web-2")).willReturn(okJson("""
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-2","namespace":"staging"},
                 "spec":{"template":{"spec":{"containers":[{"name":"web","image":"web:2"}]}}}}""")));

        polling().await(List.of(deployment("web", 0)), Duration.ofMinutes(1));

        verify(2, getRequestedFor(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("fieldSelector", equalTo("metadata.name=web")));
        verify(1, getRequestedFor(urlPathEqualTo(REPLICA_SETS + "/web-2")));
    }

    @Test
    void aDeadlineLeftOverThroughSeveralRoundsIsReadOnce() {
        String web = """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"staging","generation":3},
                 "spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"web","image":"web:1"}]}}},
                 "status":{"observedGeneration":3,"replicas":2,"updatedReplicas":1,"availableReplicas":%d,
                 "conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"ReplicaSet \\"web-2\\" has timed out progressing."}]}}""";
        for (String[] step : new String[][]{{STARTED, "0", "second"}, {"second", "0", "third"}, {"third", "0", "done"}}) {
            stubFor(named("web").inScenario("leftover").whenScenarioStateIs(step[0])
                    .willReturn(okJson(list(web.formatted(Integer.parseInt(step[1]))))).willSetStateTo(step[2]));
        }
        stubFor(named("web").inScenario("leftover").whenScenarioStateIs("done")
                .willReturn(okJson(list(web.formatted(1).replace("\"replicas\":2", "\"replicas\":1")))));
        stubFor(get(urlPathEqualTo(REPLICA_SETS + "/web-2")).willReturn(okJson("""
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-2","namespace":"staging"},
                 "spec":{"template":{"spec":{"containers":[{"name":"web","image":"web:2"}]}}}}""")));

        polling().await(List.of(deployment("web", 0)), Duration.ofMinutes(1));

        verify(4, getRequestedFor(urlPathEqualTo(DEPLOYMENTS)).withQueryParam("fieldSelector", equalTo("metadata.name=web")));
        verify(1, getRequestedFor(urlPathEqualTo(REPLICA_SETS + "/web-2")));
    }

    @Test
    void aListThatFailsIsTransientAndNamesWhatCouldNotBeRead() {
        stubFor(get(urlPathEqualTo(DEPLOYMENTS)).willReturn(aResponse().withStatus(500)));
        var e = assertThrows(io.kustos.failure.TransientException.class, () -> polling()
                .await(List.of(deployment("a", 0), deployment("b", 1)), Duration.ofMinutes(1)));
        assertTrue(e.getMessage().startsWith("deployments in namespace staging: cannot read rollout status: "), e.getMessage());
    }
}
