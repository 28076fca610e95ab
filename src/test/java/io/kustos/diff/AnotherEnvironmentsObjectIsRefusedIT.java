package io.kustos.diff;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kustos.render.Labels;
import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosRun;
import io.kustos.testsupport.SecondEnvironment;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Environment web may write into staging's namespace (allowedNamespaces) and names staging's
 * ConfigMap: it is refused, naming the object and both environments, and staging's object keeps
 * its owner and value however often both apply.
 */
class AnotherEnvironmentsObjectIsRefusedIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void anEnvironmentCannotTakeAnotherEnvironmentsObject(String clusterName, @TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of("environments/staging/app/config.yaml", configMap("app-config", "A", "1")));
             var web = SecondEnvironment.add(h, "web")) {
            Files.writeString(h.kustosYaml(), Files.readString(h.kustosYaml()).replace("namespace: " + web.namespace() + " }",
                    "namespace: " + web.namespace() + ", allowedNamespaces: [" + h.namespace() + "] }"));
            KustosRun staging = h.kustos("apply", "-e", "staging");
            assertEquals(0, staging.exit(), staging.toString());

            h.config().commit("web names staging's object", Map.of("environments/web/app/theirs.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-config, namespace: " + h.namespace() + "}\ndata: {A: \"2\"}\n"));
            for (int i = 0; i < 2; i++) {
                KustosRun both = h.kustos("apply");
                assertEquals(3, both.exit(), both.toString());
                assertTrue(both.all().contains("config:environments/web/app/theirs.yaml: ConfigMap " + h.namespace()
                        + "/app-config belongs to environment staging (its label " + Labels.ENVIRONMENT + "=staging), not to web"), both.toString());
                ConfigMap cm = h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get();
                assertEquals("1", cm.getData().get("A"), "staging's value stays");
                assertEquals("staging", cm.getMetadata().getLabels().get(Labels.ENVIRONMENT), "staging's owner label stays");
            }
        }
    }
}
