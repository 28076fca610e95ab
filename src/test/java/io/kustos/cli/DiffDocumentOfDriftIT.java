package io.kustos.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/** `kustos diff -o json|yaml` of a hand edit prints the document alone: it parses, and says drift. */
class DiffDocumentOfDriftIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void jsonAndYamlOfDriftAreOnlyTheDocument(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")))) {
            assertEquals(0, h.kustos("apply").exit());
            h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config")
                    .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager("kubectl-patch").build(),
                            "{\"data\":{\"A\":\"by-hand\"}}");

            for (var format : Map.of("json", new ObjectMapper(), "yaml", new ObjectMapper(new YAMLFactory())).entrySet()) {
                var diff = h.kustos("diff", "-o", format.getKey());
                assertEquals(1, diff.exit(), diff.toString());
                JsonNode doc = format.getValue().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(diff.out());
                assertFalse(diff.out().contains("# drifted"), format.getKey() + " only: " + diff);
                assertFalse(diff.out().contains("diff -u"), format.getKey() + " only: " + diff);
                var env = doc.get("environments").get(0);
                assertEquals("drift-detected", env.get("outcome").asText(), format.getKey() + ": " + diff);
                assertEquals("configmap/" + h.namespace() + "/app-config", env.get("changes").get(0).get("object").asText(), diff.toString());
            }
        }
    }
}
