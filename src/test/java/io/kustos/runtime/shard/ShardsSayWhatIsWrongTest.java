package io.kustos.runtime.shard;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.cluster.LockLostException;
import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.testsupport.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A sharded replica says what is wrong, once, in words that name the cause and the fix (trial 9, B2, B3, B9): cut off
 * from the API server, it says that it stopped writing each environment at renewDeadline, before it says it lost it,
 * and that its renewals fail once, not at every retry; a write lock held by a
 * replica of another sharding namespace is named (B1); without its namespace it names {@code sharding.namespace} and
 * reports the trouble (for /readyz); a second process with its identity is named.
 */
class ShardsSayWhatIsWrongTest {
    private static final String NS = "kustos-system";

    private EmbeddedCluster cluster;
    private KubernetesClient client;
    private boolean clusterClosed;
    private final Replicas replicas = new Replicas(NS);
    private final LogCapture log = LogCapture.atLevel(Level.INFO);

    @BeforeEach
    void start() {
        cluster = EmbeddedCluster.start(0);
        cluster.createNamespace(NS);
        client = cluster.newClient();
    }

    @AfterEach
    void stop() {
        log.close();
        replicas.close();
        client.close();
        if (!clusterClosed) {
            cluster.close();
        }
    }

    @Test
    void aCutOffReplicaSaysOnceThatItStoppedWritingEachEnvironmentBeforeItSaysItLostIt() {
        var a = replicas.start("a", client, replicas.settings(Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofMillis(200)),
                Clock.systemUTC());
        replicas.awaitSteady(List.of(a));
        cluster.close(); // cut off: every request fails
        clusterClosed = true;
        await("a to say it lost every environment").atMost(Duration.ofSeconds(60))
                .until(() -> Replicas.ENVIRONMENTS.stream().allMatch(env -> index("sharding: lost environment " + env + ":") >= 0));
        for (String env : Replicas.ENVIRONMENTS) {
            assertThrows(LockLostException.class, () -> a.ensureOwned(env, "writing the workloads"));
            List<String> stopped = messages("sharding: stopped writing environment " + env + ":");
            assertEquals(1, stopped.size(), env + ": " + stopped);
            assertTrue(stopped.get(0).contains("not renewed for 2s (sharding.renewDeadline)"), stopped.get(0));
            assertTrue(index("sharding: stopped writing environment " + env + ":") < index("sharding: lost environment " + env + ":"),
                    env + ": said it lost it before it said it stopped writing it");
        }
        for (String lease : Replicas.ENVIRONMENTS.stream().map(env -> "kustos-env-" + env).toList()) {
            List<String> renewals = messages(": could not renew the Lease " + NS + "/" + lease + " ");
            assertTrue(renewals.size() <= 1, lease + ": " + renewals);
        }
    }

    @Test
    void withoutItsNamespaceItNamesTheFieldOnceAndReportsTheTrouble() {
        try (var typo = new Replicas("kustos-sytem")) {
            withoutItsNamespace(typo);
        }
    }

    private void withoutItsNamespace(Replicas typo) {
        var a = typo.start("a", client, typo.settings(Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofMillis(100)),
                Clock.systemUTC());
        await("a to report the trouble").atMost(Duration.ofSeconds(30)).until(() -> a.trouble() != null);
        assertTrue(a.trouble().contains("the namespace kustos-sytem (sharding.namespace) does not exist"), a.trouble());
        await("twenty looks").atMost(Duration.ofSeconds(60)).until(() -> looks("kustos-sytem") >= 20);
        // said at a doubling pause (ShardingTroubleTest), not at each look: within one minute a handful of times at most
        int said = messages("sharding: the namespace kustos-sytem (sharding.namespace) does not exist").size();
        assertTrue(said >= 1 && said < looks("kustos-sytem") / 2, said + " times in " + looks("kustos-sytem") + " looks");
        assertEquals(Set.of(), a.owned());
        cluster.createNamespace("kustos-sytem");
        await("a to take everything once the namespace is there").atMost(Duration.ofSeconds(30))
                .until(() -> a.trouble() == null && a.owned().size() == Replicas.ENVIRONMENTS.size());
    }

    @Test
    void aWriteLockHeldByAReplicaOfAnotherShardingNamespaceIsNamedOnce() {
        var a = replicas.start("a", client, replicas.settings(Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofMillis(200)),
                Clock.systemUTC());
        var b = replicas.start("b-host", client, replicas.settings(Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofMillis(200)),
                Clock.systemUTC());
        replicas.awaitSteady(List.of(a, b));
        a.heldByAnother("env-1", "env-1/kustos-lock-env-1", "kustos run b-host pid 42"); // b-host, a member (its POD_NAME)
        a.heldByAnother("env-1", "env-1/kustos-lock-env-1", "kustos run b pid 42"); // neither "b" (POD_NAME) nor "b-42" (host and pid): no member
        a.heldByAnother("env-1", "env-1/kustos-lock-env-1", "kustos apply by alice@laptop pid 7"); // a command, not a replica
        a.heldByAnother("env-2", "env-2/kustos-lock-env-2", "kustos run stray pid 9");
        a.heldByAnother("env-3", "env-3/kustos-lock-env-3", "kustos run stray pid 9");
        List<String> said = messages("which is no replica in this replica's sharding namespace");
        assertEquals(2, said.size(), said.toString());
        assertTrue(said.get(0).startsWith("sharding: environment env-1's write lock env-1/kustos-lock-env-1 (in the environment's namespace) "
                + "is held by \"kustos run b pid 42\""), said.get(0));
        assertTrue(said.get(1).contains("\"kustos run stray pid 9\", which is no replica in this replica's sharding namespace kustos-system "
                + "([a, b-host])"), said.get(1));
        assertTrue(said.get(1).contains("Give every replica the same sharding.namespace"), said.get(1));
    }

    @Test
    void twoProcessesWithOneIdentityAreNamed() {
        var settings = replicas.settings(Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofMillis(200));
        replicas.start("a", client, settings, Clock.systemUTC());
        replicas.start("a", client, settings, Clock.systemUTC());
        await("one of them to say another process uses its identity").atMost(Duration.ofSeconds(30))
                .until(() -> !messages("was renewed by another process that uses the same identity \"a\"").isEmpty());
        assertTrue(messages("was renewed by another process that uses the same identity \"a\"").get(0).contains("POD_NAME"));
    }

    /** How many times a replica read its member Lease in {@code namespace}: once per look. */
    private long looks(String namespace) {
        return cluster.requests().count(e -> e.method().equals("GET") && e.path().endsWith("/namespaces/" + namespace + "/leases/kustos-member-a"));
    }

    private List<String> messages(String containing) {
        return log.events().stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
    }

    private int index(String containing) {
        List<ILoggingEvent> events = log.events();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getFormattedMessage().contains(containing)) {
                return i;
            }
        }
        return -1;
    }
}
