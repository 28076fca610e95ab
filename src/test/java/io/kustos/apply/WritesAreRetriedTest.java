package io.kustos.apply;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.cluster.ApplyException;
import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;
import io.kustos.failure.WaitingException;
import io.kustos.render.ObjectKey;
import io.kustos.render.SourceRevisions;
import io.kustos.source.CommitInfo;
import io.kustos.source.Revision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15, point 1: a write whose failure may pass (5xx, 429, a reset, an object changed between
 * read and write) is sent again, a bounded number of times, waiting what the server asks; a refusal
 * is not. Pins the exact requests and the waits asked for (a recording sleeper: nothing sleeps).
 */
@WireMockTest
class WritesAreRetriedTest {
    private static final String CM_PATH = "/api/v1/namespaces/staging/configmaps/app-config";
    private static final String OLD_PATH = "/api/v1/namespaces/staging/configmaps/old-config";
    private static final String OK_CM = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"app-config\",\"namespace\":\"staging\"}}";
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final WriteRetry retry = new WriteRetry(4, Duration.ofMillis(250), Duration.ofSeconds(10), waits::add);
    private KubernetesClient client;
    private SourceRevisions rev;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        // fabric8's own retry on, as in production: the writes must not use it on top of WriteRetry; a request timeout no
        // busy machine reaches (no stub here delays its answer): a timed-out request is one WriteRetry sends again (B1)
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(wm.getHttpBaseUrl())
                .withRequestRetryBackoffLimit(3).withRequestRetryBackoffInterval(1).withRequestTimeout(30_000).build()).build();
        var commit = new CommitInfo("a".repeat(40), "Ada Lovelace", "ada@example.com", Instant.EPOCH, "x");
        rev = new SourceRevisions(new Revision("main", "a".repeat(40)), commit, new Revision("main", "b".repeat(40)), commit);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private void apply() {
        new ServerSideApplier(client, false, retry).apply(ServerSideApplyRequestsTest.configStep(), rev, false);
    }

    /** The first PATCH of app-config answers {@code first}, every later one 200. */
    private static void firstThenOk(ResponseDefinitionBuilder first) {
        stubFor(patch(urlPathEqualTo(CM_PATH)).inScenario("fault").whenScenarioStateIs("Started").willReturn(first).willSetStateTo("ok"));
        stubFor(patch(urlPathEqualTo(CM_PATH)).inScenario("fault").whenScenarioStateIs("ok").willReturn(okJson(OK_CM)));
    }

    private static ResponseDefinitionBuilder status(int code, String reason, String message, String details) {
        return aResponse().withStatus(code).withHeader("Content-Type", "application/json").withBody("""
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"%s","code":%d,"message":"%s"%s}"""
                .formatted(reason, code, message, details == null ? "" : ",\"details\":" + details));
    }

    private static void verifyPatches(int n) {
        verify(n, patchRequestedFor(urlPathEqualTo(CM_PATH)).withQueryParam("fieldManager", equalTo("kustos"))
                .withQueryParam("force", equalTo("false")).withHeader("Content-Type", containing("application/apply-patch+yaml")));
        verify(n, anyRequestedFor(anyUrl()));
    }

    @Test
    void aServerErrorIsSentAgainAndTheWriteSucceeds() {
        firstThenOk(status(500, "InternalError", "etcdserver: request timed out", null));
        apply();
        verifyPatches(2);
        assertEquals(List.of(Duration.ofMillis(250)), waits);
    }

    @Test
    void tooManyRequestsWaitsTheRetryAfterTheServerGives() {
        firstThenOk(status(429, "TooManyRequests", "Too many requests, please try again later.", "{\"retryAfterSeconds\":3}")
                .withHeader("Retry-After", "3"));
        apply();
        verifyPatches(2);
        assertEquals(List.of(Duration.ofSeconds(3)), waits, "waits the 3 s the API server asked for, no more, no less");
    }

    @Test
    void aRetryAfterLongerThanTheLongestWaitIsLeftToTheNextPoll() {
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(status(429, "TooManyRequests", "slow down", "{\"retryAfterSeconds\":60}")));
        var e = assertThrows(WaitingException.class, this::apply);
        assertEquals(Duration.ofSeconds(60), e.retryAfter());
        verifyPatches(1);
        assertEquals(List.of(), waits);
    }

    /**
     * A connection reset, or one closed after the status line, mid-body (an API server restarting: Vert.x fails that one
     * with its own RuntimeException, which fabric8's typed patch wrapped), is sent again.
     */
    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "MALFORMED_RESPONSE_CHUNK"})
    void aConnectionResetOrDroppedMidAnswerIsSentAgain(Fault fault) {
        firstThenOk(aResponse().withFault(fault));
        apply();
        verifyPatches(2);
        assertEquals(List.of(Duration.ofMillis(250)), waits);
    }

    /** One that never comes back is a transient failure after the last attempt: what the write step rolls back on (README "A write that fails"). */
    @Test
    void aConnectionThatKeepsDroppingMidAnswerEndsAsATransientFailure() {
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        var e = assertThrows(TransientException.class, this::apply);
        assertEquals(FailureReason.CLUSTER_UNREACHABLE, e.reason());
        assertTrue(e.getMessage().startsWith("config:x.yaml: configmap/staging/app-config: apply failed: HttpClosedException: Connection was closed"),
                e.getMessage());
        verifyPatches(4);
    }

    @Test
    void anObjectChangedBetweenReadAndWriteIsSentAgain() {
        firstThenOk(status(409, "Conflict", "Operation cannot be fulfilled on configmaps \\\"app-config\\\": the object has been modified; "
                + "please apply your changes to the latest version and try again", null));
        apply();
        verifyPatches(2);
    }

    @Test
    void aConflictWithAnotherFieldManagerIsNotSentAgain() {
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(status(409, "Conflict", "Apply failed with 1 conflict: conflict with \\\"kubectl-edit\\\" using v1: .data.LOG_LEVEL",
                "{\"causes\":[{\"reason\":\"FieldManagerConflict\",\"message\":\"conflict with \\\"kubectl-edit\\\" using v1\",\"field\":\".data.LOG_LEVEL\"}]}")));
        var e = assertThrows(ApplyException.class, this::apply);
        assertEquals(FailureReason.REFUSED_CONFLICT, e.reason());
        verifyPatches(1);
        assertEquals(List.of(), waits);
    }

    @Test
    void anInvalidObjectIsNotSentAgain() {
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(status(422, "Invalid", "ConfigMap \\\"app-config\\\" is invalid", null)));
        assertEquals(FailureReason.REFUSED_INVALID, assertThrows(ApplyException.class, this::apply).reason());
        verifyPatches(1);
        assertEquals(List.of(), waits);
    }

    @Test
    void aForbiddenWriteIsNotSentAgain() {
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(status(403, "Forbidden", "configmaps \\\"app-config\\\" is forbidden", null)));
        assertEquals(FailureReason.REFUSED_FORBIDDEN, assertThrows(ApplyException.class, this::apply).reason());
        verifyPatches(1);
        assertEquals(List.of(), waits);
    }

    @Test
    void aPersistentServerErrorSurfacesAfterTheLastAttempt() {
        stubFor(patch(urlPathEqualTo(CM_PATH)).willReturn(status(500, "InternalError", "etcdserver: request timed out", null)));
        var e = assertThrows(TransientException.class, this::apply);
        assertEquals(FailureReason.CLUSTER_UNREACHABLE, e.reason());
        assertTrue(e.getMessage().startsWith("config:x.yaml: configmap/staging/app-config: apply failed (HTTP 500): etcdserver: request timed out"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(gave up after 4 attempts)"), e.getMessage());
        verifyPatches(4); // not 4 × fabric8's own retries
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000)), waits);
    }

    @Test
    void thePruneDeleteIsSentAgainAndAnObjectGoneMeanwhileIsPruned() {
        stubFor(delete(urlPathEqualTo(OLD_PATH)).inScenario("lost").whenScenarioStateIs("Started")
                .willReturn(status(503, "ServiceUnavailable", "the answer was lost", null)).willSetStateTo("gone"));
        stubFor(delete(urlPathEqualTo(OLD_PATH)).inScenario("lost").whenScenarioStateIs("gone")
                .willReturn(status(404, "NotFound", "configmaps \\\"old-config\\\" not found", null)));
        new Pruner(client, retry).delete(ObjectKey.configMap("staging", "old-config"), "4711", false);
        verify(2, deleteRequestedFor(urlPathEqualTo(OLD_PATH)).withRequestBody(matchingJsonPath("$.preconditions.resourceVersion", equalTo("4711"))));
        assertEquals(List.of(Duration.ofMillis(250)), waits);
    }

    @Test
    void aPruneOfAnObjectChangedSinceItWasReadIsNotSentAgain() {
        stubFor(delete(urlPathEqualTo(OLD_PATH)).willReturn(status(409, "Conflict",
                "Operation cannot be fulfilled on configmaps \\\"old-config\\\": the ResourceVersion in the precondition (4711) does not match", null)));
        var e = assertThrows(ApplyException.class, () -> new Pruner(client, retry).delete(ObjectKey.configMap("staging", "old-config"), "4711", false));
        assertEquals(FailureReason.REFUSED_CONFLICT, e.reason());
        verify(1, deleteRequestedFor(urlPathEqualTo(OLD_PATH)));
        assertEquals(List.of(), waits);
    }
}
