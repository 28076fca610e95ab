package io.kustos.apply;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/** The real kubectl, an independent client, reads back exactly what Kustos wrote (stringData folded into data). */
class KubectlReadsBackIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void kubectlSeesConfigSecretAndImage(String clusterName, @TempDir Path tmp) throws Exception {
        String token = "tok-" + System.nanoTime();
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp), Map.of(
                "environments/staging/app/config.yaml", configMap("app-config", "LOG_LEVEL", "info"),
                "environments/staging/app/secrets.yaml", secret("app-secrets", "TOKEN", token)))) {
            h.releases().commit("2.0.0", Map.of("environments/staging/release.yaml", KustosHarness.release("registry.example.com/app:2.0.0")));
            assertEquals(0, h.kustos("apply").exit());
            Path kc = h.cluster().kubeconfig();
            String ns = h.namespace();
            assertEquals("info", kubectl(kc, "get", "configmap", "app-config", "-n", ns, "-o", "jsonpath={.data.LOG_LEVEL}"));
            assertEquals("kustos", kubectl(kc, "get", "configmap", "app-config", "-n", ns, "-o", "jsonpath={.metadata.labels.app\\.kubernetes\\.io/managed-by}"));
            assertEquals(token, new String(Base64.getDecoder().decode(
                    kubectl(kc, "get", "secret", "app-secrets", "-n", ns, "-o", "jsonpath={.data.TOKEN}")), StandardCharsets.UTF_8));
            assertEquals("", kubectl(kc, "get", "secret", "app-secrets", "-n", ns, "-o", "jsonpath={.stringData}"));
            assertEquals("registry.example.com/app:2.0.0",
                    kubectl(kc, "get", "deployment", "app", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[0].image}"));
            assertTrue(kubectl(kc, "get", "deployment", "app", "-n", ns, "-o", "jsonpath={.metadata.annotations.kustos\\.io/revision}")
                    .startsWith("config=main@sha1:"));
            assertTrue(kubectl(kc, "get", "configmap", "app-config", "-n", ns, "-o", "jsonpath={.metadata.managedFields[*].manager}")
                    .contains("kustos"));
        }
    }

    private static String kubectl(Path kubeconfig, String... args) throws Exception {
        var cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "kubectl " + String.join(" ", args));
        return out.trim();
    }
}
