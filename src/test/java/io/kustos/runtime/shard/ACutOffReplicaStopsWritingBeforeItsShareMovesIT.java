package io.kustos.runtime.shard;

import io.kustos.testsupport.RunsAlone;
import io.kustos.cluster.ClusterClients;
import io.kustos.cluster.LockLostException;
import io.kustos.testsupport.FaultProxy;
import io.kustos.testsupport.FaultRule;
import io.kustos.testsupport.TestNamespace;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 17 point 1: of two sharded replicas, one is cut off from the API server (a {@link FaultProxy} between it alone
 * and the cluster resets every request, so its renewals fail). It stops writing its environments before the other
 * takes them over, stops renewing the Leases it lost, and when it reaches the API server again it joins anew and gets
 * its share back from the other; no environment is ever writable by both ({@link Replicas}).
 */
@RunsAlone
class ACutOffReplicaStopsWritingBeforeItsShareMovesIT {

    @Execution(ExecutionMode.CONCURRENT) // its cases two at a time (failsafe's JUnit settings); the class runs alone
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void itStopsBeforeTheOtherTakesOverAndComesBackCleanly(String clusterName, @TempDir Path tmp) {
        try (var ns = TestNamespace.open(clusterName, tmp);
             var proxy = FaultProxy.inFrontOf(ns.cluster(), tmp);
             var clients = new ClusterClients(proxy.kubeconfig(), null);
             var replicas = new Replicas(ns.name())) {
            var settings = replicas.settings(Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofMillis(500));
            String leases = "/apis/coordination.k8s.io/v1/namespaces/" + ns.name() + "/leases";
            FaultRule cut = proxy.on("*", ".*"); // faults nothing until the cut
            var a = replicas.start("a", clients.home(), settings, Clock.systemUTC());
            var b = replicas.start("b", ns.client(), settings, Clock.systemUTC());
            replicas.awaitSteady(List.of(a, b));
            Set<String> hadA = a.owned();

            cut.always().reset(); // a alone cannot reach the API server: its renewals fail
            await("b to take a's environments over").atMost(Duration.ofSeconds(60)).until(() -> b.owned().containsAll(Replicas.ENVIRONMENTS));
            for (String env : hadA) {
                assertThrows(LockLostException.class, () -> a.ensureOwned(env, "writing the workloads"));
            }
            await("a to drop the Leases it lost").atMost(Duration.ofSeconds(60)).until(() -> a.renewing().isEmpty());
            // a's looks (its member Lease, the list) go on, each tried again by the client: count those attempts
            String look = leases + "(/kustos-member-a)?(\\?.*)?";
            long looks = proxy.count("GET", look);
            await("a to look again").atMost(Duration.ofSeconds(60)).until(() -> proxy.count("GET", look) >= looks + 4);
            long renewals = proxy.count("PUT", leases + "/kustos-env-.*");
            await("a to look a few times more").atMost(Duration.ofSeconds(60)).until(() -> proxy.count("GET", look) >= looks + 16);
            assertEquals(renewals, proxy.count("PUT", leases + "/kustos-env-.*"), "a still renews Leases it lost");
            replicas.assertNoTwoWriters();

            cut.stop(); // a comes back: it joins again and gets its share back from b
            replicas.awaitSteady(List.of(a, b));
            assertEquals(hadA, a.owned());
        }
    }
}
