package io.kustos.reconcile;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.config.Target;
import io.kustos.config.WriteLock;
import io.kustos.live.LiveState;
import io.kustos.live.LiveStateReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Review11a W5: what was read before the write lock stands (is not read again under it) only when the lock was taken by
 * creating its Lease blind because no history was found: no writer has been here. A Lease found missing while the history
 * exists (an operator deleted a "stuck" lock by hand while a writer held it) is created too, but writers have clearly been
 * here: the cluster and the history are read again under the lock. The API server is a WireMock stand-in answering the
 * Lease requests.
 */
class ALeaseDeletedByHandIsReadAgainUnderTheLockTest {
    private static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/qa/leases";
    private static final String LEASE = "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"kustos-lock-qa\","
            + "\"namespace\":\"qa\",\"resourceVersion\":\"1\"},\"spec\":{\"holderIdentity\":\"kustos apply\"}}";
    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        server.start();
        server.stubFor(get(urlPathEqualTo(LEASES + "/kustos-lock-qa")).willReturn(notFound()));
        server.stubFor(post(urlPathEqualTo(LEASES)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(LEASE)));
        server.stubFor(put(urlPathEqualTo(LEASES + "/kustos-lock-qa")).willReturn(okJson(LEASE)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theFirstReadStandsOnlyWhenNoHistoryWasFound(boolean historyFound) {
        try (var client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(server.baseUrl())
                .withRequestRetryBackoffLimit(0).build()).build()) {
            var run = new EnvironmentRun(new EnvironmentAccess(new Target("qa", "qa", List.of(), null, null, false), client, null, null),
                    null, null, false);
            ConfigMap history = historyFound ? new ConfigMapBuilder().withNewMetadata().withName(LiveStateReader.HISTORY).withNamespace("qa")
                    .withResourceVersion("7").endMetadata().build() : null;
            run.found = new LiveStateReader.Found(new LiveState(Map.of(), Map.of()), history);
            var step = new LockStep(new WriteLock(Duration.ofSeconds(30), Duration.ofMinutes(10)), () -> WriteLockPolicy.command("apply"),
                    Clock.systemUTC());

            assertTrue(step.run(run).isEmpty(), "the lock is taken and the run goes on");
            try {
                server.verify(1, postRequestedFor(urlPathEqualTo(LEASES))); // taken by creating the Lease either way
                server.verify(historyFound ? 1 : 0, getRequestedFor(urlPathEqualTo(LEASES + "/kustos-lock-qa")));
                assertEquals(!historyFound, run.readBeforeLockStands,
                        historyFound ? "a Lease deleted by hand while history exists: read again under the lock" : "no history, no Lease: it stands");
            } finally {
                run.lock.close();
            }
        }
    }
}
