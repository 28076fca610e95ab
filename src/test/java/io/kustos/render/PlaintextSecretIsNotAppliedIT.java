package io.kustos.render;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static io.kustos.testsupport.KustosHarness.secret;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A Secret committed in plain text in a file the config repo's .sops.yaml says must be encrypted
 * is refused before anything reaches the cluster: `kustos diff` and `kustos apply` exit 3 naming the
 * file, the rule and what to do, and nothing of the revision is written, not even its other changes.
 */
class PlaintextSecretIsNotAppliedIT {
    private static final String CONFIG = "environments/staging/web/config.yaml";
    private static final String PLAIN = "environments/staging/web/secret-plain.yaml";
    private static final String VALUE = "sk_live_plaintext-in-git";
    private static final String RULES = """
            creation_rules:
              - path_regex: environments/.*secret.*\\.yaml$
                encrypted_regex: ^(data|stringData)$
                age: age1c0g9saqv6l02hkcnnhrczm322v8wt5f3u2psuj9qam9uv55urqqqtadxy7
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"embedded", "realkube"})
    void aPlaintextSecretTheRulesCoverChangesNothing(String clusterName, @TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.open(clusterName, tmp),
                Map.of(".sops.yaml", RULES, CONFIG, configMap("web-config", "PORT", "9090")))) {
            var first = h.kustos("apply");
            assertEquals(0, first.exit(), first.toString());

            h.config().commit("add the stripe key", Map.of(CONFIG, configMap("web-config", "PORT", "9091"),
                    PLAIN, secret("web-secrets", "STRIPE_KEY", VALUE)));
            String refusal = "config:" + PLAIN + ":1: is not encrypted, but .sops.yaml creation_rules[0] (path_regex: "
                    + "environments/.*secret.*\\.yaml$) covers it, so it must be SOPS-encrypted: run `kustos encrypt --in-place "
                    + PLAIN + "` and commit. Its values are in git history now: rotate them too";
            var diff = h.kustos("diff");
            assertEquals(3, diff.exit(), diff.toString());
            assertTrue(diff.all().contains(refusal), diff.toString());

            var apply = h.kustos("apply");
            assertEquals(3, apply.exit(), apply.toString());
            assertTrue(apply.all().contains(refusal), apply.toString());
            assertEquals(0, apply.writes(), apply.toString());
            assertFalse(apply.all().contains(VALUE) || diff.all().contains(VALUE), "the value is never printed");
            assertNull(h.cluster().client().secrets().inNamespace(h.namespace()).withName("web-secrets").get());
            assertEquals("9090", h.cluster().client().configMaps().inNamespace(h.namespace()).withName("web-config").get()
                    .getData().get("PORT"), "the revision applies whole or not at all");
        }
    }
}
