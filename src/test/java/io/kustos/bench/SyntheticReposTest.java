package io.kustos.bench;

import io.kustos.decrypt.KeyRing;
import io.kustos.decrypt.age.X25519Identity;
import io.kustos.decrypt.sops.SopsDecryptor;
import io.kustos.diff.ConfigReferences;
import io.kustos.render.ObjectKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticReposTest {
    private final BenchShape shape = new BenchShape(80, 12, 2);
    private final X25519Identity identity = X25519Identity.generate(new SecureRandom());
    private final SyntheticRepos repos = new SyntheticRepos(shape, identity, new SecureRandom());

    @Test
    void halfConfigMapsHalfSopsSecretsSpreadOverTheEnvironments(@TempDir Path dir) throws Exception {
        Map<String, String> files = repos.configFiles();
        assertEquals(80, files.size());
        assertEquals(40, files.keySet().stream().filter(f -> f.endsWith("/secrets.yaml")).count());
        assertEquals(40, files.keySet().stream().filter(f -> f.startsWith("environments/env-0/")).count());
        String secret = files.get("environments/env-1/svc-007/secrets.yaml");
        assertTrue(secret.contains("ENC[AES256_GCM,"), "values are encrypted");
        assertFalse(secret.contains("DATABASE_PASSWORD: \""), "no plaintext value");
        Path key = Files.writeString(dir.resolve("age.key"), repos.identityFile());
        String plain = new String(new SopsDecryptor(KeyRing.of(List.of(key), List.of(), null))
                .decrypt("secrets.yaml", secret.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertTrue(plain.contains("DATABASE_PASSWORD: "), "opens with the generated key");
    }

    @Test
    void theSharedConfigMapOfTheFirstDeploymentIsUsedByExactlyThreeAndTheUnusedOneByNone() {
        var users = new HashMap<ObjectKey, Integer>();
        for (var d : repos.deployments("ns")) {
            ConfigReferences.of(d.getSpec().getTemplate(), "ns").forEach(k -> users.merge(k, 1, Integer::sum));
        }
        assertEquals(3, users.get(new ObjectKey("v1", "ConfigMap", "ns", BenchShape.service(shape.sharedService(0)) + "-config")));
        assertEquals(1, users.get(new ObjectKey("v1", "ConfigMap", "ns", BenchShape.service(0) + "-config")));
        assertFalse(users.containsKey(new ObjectKey("v1", "ConfigMap", "ns", BenchShape.service(shape.unusedService()) + "-config")));
        assertTrue(shape.unusedService() < shape.servicesPerEnvironment());
        assertEquals(6, repos.deployments("ns").size());
    }

    @Test
    void theChangedConfigDiffersOnlyInTheChangedKey() {
        String before = repos.configFiles().get("environments/env-0/svc-004/config.yaml");
        String after = repos.changedConfig("env-0", 4, "45s").get("environments/env-0/svc-004/config.yaml");
        assertTrue(before.contains(SyntheticRepos.CHANGED_KEY + ": 30s"));
        assertEquals(before.replace("30s", "45s"), after);
    }

    @Test
    void releasesNameEveryDeploymentOfEveryEnvironment() {
        var files = repos.releaseFiles();
        assertEquals(2, files.size());
        assertEquals(6, files.get("environments/env-0/release.yaml").split("- name: ").length - 1);
    }

    @Test
    void shapesThatCannotHoldTheScenariosAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BenchShape(1001, 200, 4));
        assertThrows(IllegalArgumentException.class, () -> new BenchShape(100, 200, 4));
        assertEquals(1200, BenchShape.DEFAULT.writtenObjects());
        assertEquals(List.of("dev", "qa", "staging", "production"), BenchShape.DEFAULT.environmentNames());
    }
}
