package io.kustos.reconcile;

import io.kustos.cluster.ClusterClients;
import io.kustos.cluster.EnvironmentLock;
import io.kustos.config.ConfigLoader;
import io.kustos.decrypt.Decryptor;
import io.kustos.render.Renderer;
import io.kustos.source.Lineage;
import io.kustos.source.RepoSnapshot;
import io.kustos.source.Revision;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.RewrittenBranch;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A write run judges a force push once, under the environment's write lock: against the last good
 * revision recorded while no one else writes. Its lineage lookup (which may fetch) is not made a
 * second time before the lock. Counted through the run's {@link SnapshotLookup}, which also reads,
 * at the lookup, who holds the Lease.
 */
class ForcePushIsJudgedOnceIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aFollowedForcePushIsLookedUpOnceUnderTheLock(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            var branch = RewrittenBranch.afterTwoApplies(h, FILE);
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml())
                    .replace("config:   { url:", "config:   { allowForcePush: true, url:"));
            var config = ConfigLoader.load(h.kustosYaml());
            var lease = h.cluster().client().leases().inNamespace(h.namespace()).withName(EnvironmentLock.leaseName("staging"));
            var poller = new SourcePoller(config);
            var heads = poller.poll();
            List<String> lookups = new ArrayList<>();
            var counting = new SnapshotLookup() {
                @Override
                public RepoSnapshot config(Revision revision) {
                    return poller.config(revision);
                }

                @Override
                public RepoSnapshot releases(Revision revision) {
                    return poller.releases(revision);
                }

                @Override
                public Lineage lineage(String source, Revision from, Revision to) {
                    var held = lease.get();
                    lookups.add(source + " " + from.sha() + " -> " + to.sha() + ", lock held by "
                            + (held == null ? null : held.getSpec().getHolderIdentity()));
                    return poller.lineage(source, from, to);
                }
            };
            try (var clients = new ClusterClients(h.cluster().kubeconfig(), null)) {
                var report = new RevisionReconciler(config, new Renderer(Decryptor.NONE), clients, counting, Duration.ofMillis(100))
                        .lockingAs(WriteLockPolicy.command("apply"))
                        .reconcile(heads.config().snapshot(), heads.releases().snapshot(), true, false);
                assertFalse(report.failed(), report.toString());
            }

            assertEquals(1, lookups.size(), "one lineage lookup per write run: " + lookups);
            assertTrue(lookups.get(0).startsWith("config " + branch.second() + " -> " + branch.rewritten() + ", lock held by kustos apply"),
                    "judged under the write lock: " + lookups);
            assertEquals("1", h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getData().get("A"),
                    "the rewritten head is applied");
        }
    }
}
