package io.kustos.reconcile;

import io.kustos.cluster.ClusterClients;
import io.kustos.cluster.HeldLock;
import io.kustos.cluster.LockLostException;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;
import io.kustos.history.History;
import io.kustos.history.HistoryStore;
import io.kustos.outcome.Outcome;
import io.kustos.render.Renderer;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code kustos rollback --emergency} checks its write lock where a write run does: before each
 * write phase of the re-apply and before the record. Once lost (renewals failed past its
 * duration, or another writer took it over) it stops there with exit 5, writing and recording
 * nothing more; the lock is given up once, at the end. The lock is one that a test loses after a
 * number of checks; the re-apply and the history are real.
 */
class ALostLockStopsTheEmergencyRollbackIT {
    private static final String FILE = "environments/staging/app/config.yaml";
    private static final String RECORD = "recording the emergency rollback in the history";
    private final List<String> seen = new ArrayList<>();

    /** A lock that is this writer's for the first {@code heldFor} checks, lost from then on. */
    private HeldLock lostAfter(int heldFor, String lease) {
        return new HeldLock() {
            private int checks;

            @Override
            public void ensureHeld(String phase) {
                seen.add(phase);
                if (++checks > heldFor) {
                    throw new LockLostException("staging", lease, phase, "kustos run pod-b pid 1");
                }
            }

            @Override
            public void close() {
                seen.add("released");
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aLostLockStopsTheReApplyBetweenPhasesAndBeforeTheRecord(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            assertEquals(0, h.kustos("apply").exit());
            h.config().commit("A=2", Map.of(FILE, configMap("app-config", "A", "2")));
            assertEquals(0, h.kustos("apply").exit());
            var config = ConfigLoader.load(h.kustosYaml());
            var target = config.targets().stream().filter(t -> t.environment().equals("staging")).findFirst().orElseThrow();
            var store = new HistoryStore(h.cluster().client(), h.namespace(), "staging", 50);
            History before = store.load();
            String lease = h.namespace() + "/kustos-lock-staging";

            try (var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
                var reconciler = new RevisionReconciler(config, new Renderer(Decryptor.NONE), clients, new SourcePoller(config),
                        Duration.ofMillis(100));

                // lost after the configs were written: the workloads and the prunes are not, nothing is recorded
                var lost = assertThrows(LockLostException.class,
                        () -> new EmergencyRollback(reconciler, t -> lostAfter(1, lease)).rollBack(target, 1));
                assertEquals(List.of("writing the configs", "writing the workloads", "released"), seen);
                assertEquals(FailureReason.WRITE_LOCK_LOST, lost.reason());
                assertInstanceOf(TransientException.class, lost, "exit 5: try again");
                assertTrue(lost.getMessage().startsWith("staging: lost the write lock (Lease " + lease + ") before writing the workloads"),
                        lost.getMessage());
                assertEquals("1", appConfig(h), "the configs phase ran before the lock was lost");
                assertUnrecorded(store, before);

                // lost after the re-apply: nothing is recorded, and the environment is not paused
                seen.clear();
                lost = assertThrows(LockLostException.class,
                        () -> new EmergencyRollback(reconciler, t -> lostAfter(3, lease)).rollBack(target, 1));
                assertEquals(List.of("writing the configs", "writing the workloads", "pruning", RECORD, "released"), seen);
                assertTrue(lost.getMessage().contains("before " + RECORD), lost.getMessage());
                assertUnrecorded(store, before);

                // held throughout: recorded, and the lock is given up once, by the rollback, after the record
                seen.clear();
                var record = new EmergencyRollback(reconciler, t -> lostAfter(Integer.MAX_VALUE, lease)).rollBack(target, 1);
                assertEquals(List.of("writing the configs", "writing the workloads", "pruning", RECORD, "released"), seen);
                assertEquals(Outcome.EMERGENCY_ROLLBACK, record.outcome());
                assertEquals(Outcome.EMERGENCY_ROLLBACK, store.load().records().get(0).outcome());
                assertNotNull(store.load().state().pausedAt(), "paused until a new commit or kustos resume");
            }
        }
    }

    /** The history and its state as they were: no record, no pause. */
    private static void assertUnrecorded(HistoryStore store, History before) {
        var now = store.load();
        assertEquals(before.records(), now.records(), "no record added");
        assertEquals(before.state(), now.state(), "not paused, the last good revision unchanged");
    }

    private static String appConfig(KustosHarness h) {
        return h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A");
    }
}
