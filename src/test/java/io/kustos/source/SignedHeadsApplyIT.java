package io.kustos.source;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kustos apply} with {@code verify:} on the config source: a signed head is applied; an
 * unsigned one on top is refused with exit 3 and the cluster keeps the last good state; the next
 * signed commit is applied.
 */
class SignedHeadsApplyIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void anUnsignedHeadChangesNothing(String clusterName, @TempDir Path tmp) throws Exception {
        var key = TestSigningKey.generate(TestSigningKey.Algorithm.ED25519, "Release Bot <bot@example.com>");
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(FILE, configMap("app-config", "A", "0")))) {
            Files.writeString(tmp.resolve("trusted.asc"), key.armoredPublicKey());
            String yaml = Files.readString(h.kustosYaml());
            Files.writeString(h.kustosYaml(), yaml.replaceFirst("branch: main, ", "branch: main, verify: { trustedKeyFiles: [trusted.asc] }, "));

            SignedCommits.commitSigned(h.config(), "signed", Map.of(FILE, configMap("app-config", "A", "1")), key);
            var good = h.kustos("apply");
            assertEquals(0, good.exit(), good.toString());
            var cm = h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config");
            assertEquals("1", cm.get().getData().get("A"));
            String version = cm.get().getMetadata().getResourceVersion();

            String unsigned = h.config().commit("unsigned", Map.of(FILE, configMap("app-config", "A", "2")));
            var refused = h.kustos("apply");
            assertEquals(3, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("refused commit " + unsigned + " by "), refused.toString());
            assertTrue(refused.err().contains("(\"unsigned\"): unsigned;"), refused.toString());
            assertEquals(version, cm.get().getMetadata().getResourceVersion(), "nothing written");
            assertEquals(3, h.kustos("apply").exit(), "refused again");

            SignedCommits.commitSigned(h.config(), "signed again", Map.of(FILE, configMap("app-config", "A", "3")), key);
            var again = h.kustos("apply");
            assertEquals(0, again.exit(), again.toString());
            assertEquals("3", cm.get().getData().get("A"));
        }
    }
}
