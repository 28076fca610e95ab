package io.kustos.reconcile;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Bad input in a commit: a clear error naming the file and line (exit 3), no write but its history record
 * and Event, and the cluster keeps the last good state, even for the good files of the same commit.
 */
class BadInputChangesNothingIT {
    private static final String GOOD = "environments/staging/app/config.yaml";

    static Stream<Arguments> cases() {
        var cases = List.of(
                Arguments.of("malformed YAML", "environments/staging/app/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n",
                        "config:environments/staging/app/broken.yaml:3: metadata: malformed YAML at column "),
                Arguments.of("unmanaged kind", "environments/staging/app/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n",
                        "config:environments/staging/app/deploy.yaml:2: kind: kind Deployment is not managed from the config repo"),
                Arguments.of("invalid name", "environments/staging/app/bad-name.yaml", configMap("Bad_Name", "A", "1"),
                        "config:environments/staging/app/bad-name.yaml:4: metadata.name: \"Bad_Name\" must be a DNS-1123 subdomain"),
                Arguments.of("same object twice", "environments/staging/other/copy.yaml", configMap("app-config", "A", "2"),
                        "config:environments/staging/other/copy.yaml:4: metadata.name: ConfigMap %NS%/app-config is also defined in config:environments/staging/app/config.yaml:4"));
        return Stream.of("embedded", "realkube").flatMap(c -> cases.stream().map(a -> Arguments.of(c, a.get()[0], a.get()[1], a.get()[2], a.get()[3])));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void aBadFileIsNamedAndNothingIsWritten(String clusterName, String what, String path, String content, String expected, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(GOOD, configMap("app-config", "A", "1")))) {
            assertEquals(0, h.kustos("apply").exit());
            String before = h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get().getMetadata().getResourceVersion();

            h.config().commit(what, Map.of(GOOD, configMap("app-config", "A", "changed"), path, content));
            h.cluster().resetCounts();
            var run = h.kustos("apply");
            assertEquals(3, run.exit(), run.toString());
            assertTrue(run.all().contains(expected.replace("%NS%", h.namespace())), run.toString());
            assertEquals(0, run.writes(), run.toString());
            assertEquals(0, run.dryRuns(), run.toString());
            assertEquals(2, run.records(), "the failed revision's history record and its Event:\n" + run);
            h.cluster().serverWrites().ifPresent(w -> assertEquals(2, w, "writes counted by the API server: the record and the Event only"));
            var cm = h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get();
            assertEquals("1", cm.getData().get("A"));
            assertEquals(before, cm.getMetadata().getResourceVersion());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void anUnknownFieldInKustosYamlIsNamedAndNothingIsWritten(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(GOOD, configMap("app-config", "A", "1")))) {
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()) + "sync: { intervall: 1m }\n");
            h.cluster().resetCounts();
            var run = h.kustos("apply");
            assertEquals(3, run.exit(), run.toString());
            assertTrue(run.err().contains("kustos.yaml: sync.intervall: unknown field (known: "), run.toString());
            h.cluster().serverWrites().ifPresent(w -> assertEquals(0, w));
            assertNull(h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get());
        }
    }
}
