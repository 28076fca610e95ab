package io.kustos.cli;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.kustos.cluster.embedded.EmbeddedCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code kustos reconcile} without {@code sharding:} is refused before any request: exit 3, saying what to do instead; with
 * a {@code sharding.namespace} that does not exist, exit 3 naming the field; with no live replica there, exit 5 and nothing
 * recorded; with one, the request is recorded (exit 0).
 */
class ReconcileCommandTest {
    @Test
    void itSaysWhenNoReplicaWouldHearIt(@TempDir Path tmp) throws Exception {
        try (var cluster = EmbeddedCluster.start(0)) {
            Path kubeconfig = tmp.resolve("kubeconfig");
            cluster.writeKubeconfig(kubeconfig);
            cluster.createNamespace("kustos-system");

            var missing = reconcileSharded(tmp, kubeconfig, "kustos-sytem");
            assertEquals(3, missing.exit(), missing.err());
            assertTrue(missing.err().contains("the namespace kustos-sytem (sharding.namespace) does not exist"), missing.err());

            var nobody = reconcileSharded(tmp, kubeconfig, "kustos-system");
            assertEquals(5, nobody.exit(), nobody.err());
            assertTrue(nobody.err().contains("no live replica in namespace kustos-system (sharding.namespace)"), nobody.err());
            assertNull(cluster.client().leases().inNamespace("kustos-system").withName("kustos-reconcile-request").get(),
                    "recorded a request nobody hears");

            Instant now = Instant.now();
            cluster.client().leases().inNamespace("kustos-system").resource(new LeaseBuilder().withNewMetadata().withName("kustos-member-a")
                    .endMetadata().withNewSpec().withHolderIdentity("a").withLeaseDurationSeconds(15)
                    .withAcquireTime(ZonedDateTime.ofInstant(now, ZoneOffset.UTC)).withRenewTime(ZonedDateTime.ofInstant(now, ZoneOffset.UTC))
                    .endSpec().build()).create();
            var heard = reconcileSharded(tmp, kubeconfig, "kustos-system");
            assertEquals(0, heard.exit(), heard.err());
            assertNotNull(cluster.client().leases().inNamespace("kustos-system").withName("kustos-reconcile-request").get());
        }
    }

    private static CommandRun reconcileSharded(Path tmp, Path kubeconfig, String namespace) throws Exception {
        return reconcile(tmp.resolve("kustos-" + namespace + ".yaml"), kubeconfig, "sharding: { enabled: true, namespace: %s }".formatted(namespace));
    }

    /** Runs {@code kustos reconcile} on a kustos.yaml written at {@code yaml} with one target and {@code more}. */
    private static CommandRun reconcile(Path yaml, Path kubeconfig, String more) throws Exception {
        Files.writeString(yaml, """
                sources:
                  config:   { url: "https://git.example.com/config.git" }
                  releases: { url: "https://git.example.com/releases.git" }
                targets:
                  - { environment: staging, namespace: staging }
                """ + more + "\n");
        return CommandRun.of("reconcile", "--config", yaml.toString(), "--kubeconfig", kubeconfig.toString());
    }

    @Test
    void withoutShardingItSaysToSendAWebhook(@TempDir Path tmp) throws Exception {
        var run = reconcile(tmp.resolve("kustos.yaml"), tmp.resolve("none"), "");
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains("sharding.enabled is off in kustos.yaml: send a webhook to kustos run instead"), run.err());
    }
}
