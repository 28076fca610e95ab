package io.kustos.bench;

import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.live.FingerprintKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bodies {@code bench run} pipes to {@code kubectl apply --server-side} for its cold apply, rendered into fresh
 * namespaces: every Deployment uses a Secret, and no fingerprint key exists there yet. They are rendered as Kustos's
 * own first apply renders them (the key made first, every config hash keyed); before, the render stopped with
 * "no fingerprint key" and so did the whole benchmark.
 */
class RenderedManifestsTest {
    private static final BenchShape SHAPE = new BenchShape(10, 3, 1);

    @Test
    void workloadsUsingSecretsInANamespaceWithoutAFingerprintKeyGetAKeyedConfigHash(@TempDir Path tmp) {
        try (EmbeddedCluster cluster = EmbeddedCluster.start(0); var ws = new BenchWorkspace(SHAPE, tmp.resolve("ws"))) {
            Path kubeconfig = tmp.resolve("kubeconfig");
            cluster.writeKubeconfig(kubeconfig);
            String ns = BenchWorkspace.namespace(ws.id + "-kubectl1", SHAPE.environmentNames().get(0));
            cluster.createNamespace(ns);
            ws.synthetic.deployments(ns).forEach(d -> cluster.client().resource(d).create());

            String yaml = new String(RenderedManifests.yaml(ws.kustosYaml(ws.id + "-kubectl1", "10s", 0), kubeconfig), StandardCharsets.UTF_8);

            assertEquals(SHAPE.writtenObjects(), RenderedManifests.documents(yaml.getBytes(StandardCharsets.UTF_8)), yaml);
            assertEquals(SHAPE.workloads(), yaml.split("kustos.io/config-hash: ", -1).length - 1, yaml);
            assertFalse(yaml.contains("keyed at the first apply"), yaml);
            assertNotNull(cluster.client().secrets().inNamespace(ns).withName(FingerprintKey.NAME).get(),
                    "the namespace's fingerprint key, made as Kustos's first apply makes it");
            assertTrue(yaml.contains("kind: \"Deployment\"") || yaml.contains("kind: Deployment"), yaml);
        }
    }
}
