package io.kustos.render;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static io.kustos.render.RenderFixtures.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A config repo with a root .sops.yaml: a file one of its creation rules covers must be
 * SOPS-encrypted (a secret committed in plain text never reaches the cluster), and no Secret holds
 * values in plain text anywhere. Without a .sops.yaml, plaintext Secrets are allowed, as Flux allows.
 */
class PlaintextFilesTheSopsRulesCoverAreRefusedTest {
    private static final String VALUE = "sk_live_do-not-print-me";
    private static final String SECRETS = "environments/staging/tungsten/secrets.yaml";
    private static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: tungsten-secrets
            stringData:
              STRIPE_KEY: %s
            """.formatted(VALUE);
    /** As sops writes it; the fake decryptor below stands for the key. */
    private static final String ENCRYPTED = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: tungsten-secrets
            stringData:
              STRIPE_KEY: ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]
            sops:
              version: 3.9.0
            """;
    private static final String SECRET_RULE = """
            creation_rules:
              - path_regex: environments/.*secret.*\\.yaml$
                encrypted_regex: ^(data|stringData)$
                age: age1c0g9saqv6l02hkcnnhrczm322v8wt5f3u2psuj9qam9uv55urqqqtadxy7
            """;
    private static final String EVERY_FILE_RULE = """
            creation_rules:
              - encrypted_regex: ^(data|stringData)$
                age: age1c0g9saqv6l02hkcnnhrczm322v8wt5f3u2psuj9qam9uv55urqqqtadxy7
            """;

    private final Renderer renderer = new Renderer((file, encrypted) -> SECRET.getBytes(StandardCharsets.UTF_8));

    static Stream<Arguments> refused() {
        String encryptIt = "run `kustos encrypt --in-place " + SECRETS + "` and commit. Its values are in git history now: rotate them too";
        return Stream.of(
                arguments("a plaintext Secret the rule covers", SECRET_RULE, SECRETS, SECRET, List.of(
                        "config:" + SECRETS + ": is not encrypted, but .sops.yaml creation_rules[0] (path_regex: "
                                + "environments/.*secret.*\\.yaml$) covers it, so it must be SOPS-encrypted: " + encryptIt)),
                arguments("a rule with encrypted_regex still means the file is encrypted: a ConfigMap too", """
                        creation_rules:
                          - path_regex: more\\.yaml$
                            encrypted_regex: ^(data|stringData)$
                            age: age1c0g9saqv6l02hkcnnhrczm322v8wt5f3u2psuj9qam9uv55urqqqtadxy7
                        """, "environments/staging/tungsten/more.yaml", CONFIGMAP.replace("tungsten-config", "more-config"), List.of(
                        "config:environments/staging/tungsten/more.yaml: is not encrypted, but .sops.yaml creation_rules[0]"
                                + " (path_regex: more\\.yaml$) covers it")),
                arguments("a rule without path_regex covers every file", EVERY_FILE_RULE, SECRETS, SECRET, List.of(
                        "config:environments/staging/tungsten/config.yaml: is not encrypted, but .sops.yaml creation_rules[0]"
                                + " (no path_regex: it covers every file) covers it",
                        "config:" + SECRETS + ": is not encrypted, but .sops.yaml creation_rules[0] (no path_regex: "
                                + "it covers every file) covers it")),
                arguments("the first rule that covers the file is named", """
                        creation_rules:
                          - path_regex: ^production/
                            kms: arn:aws:kms:eu-west-1:1:key/x
                          - path_regex: ^environments/staging/tungsten/secrets
                            age: age1c0g9saqv6l02hkcnnhrczm322v8wt5f3u2psuj9qam9uv55urqqqtadxy7
                          - path_regex: secrets
                            age: age1c0g9saqv6l02hkcnnhrczm322v8wt5f3u2psuj9qam9uv55urqqqtadxy7
                        """, SECRETS, SECRET, List.of("creation_rules[1] (path_regex: ^environments/staging/tungsten/secrets) covers it")),
                arguments("a plaintext Secret with values no rule covers, in a repo that encrypts", SECRET_RULE,
                        "environments/staging/tungsten/creds.yaml", SECRET, List.of(
                        "config:environments/staging/tungsten/creds.yaml: stringData: a Secret with values in plain text, while"
                                + " the repo encrypts with SOPS (.sops.yaml) and no creation rule covers this file: move it to a"
                                + " path a creation rule covers (or add a rule for this one), run `kustos encrypt --in-place FILE`"
                                + " on it and commit. Its values are in git history now: rotate them too")),
                arguments("the Secret's document is named in a file of several", SECRET_RULE,
                        "environments/staging/tungsten/creds.yaml", CONFIGMAP.replace("tungsten-config", "c") + "---\n"
                                + SECRET.replace("stringData:\n  STRIPE_KEY", "data:\n  STRIPE_KEY").replace(VALUE, "eA=="),
                        List.of("config:environments/staging/tungsten/creds.yaml: [1].data: a Secret with values in plain text")),
                arguments("a bad path_regex", "creation_rules:\n  - path_regex: environments/(secret\n    age: age1x\n",
                        SECRETS, ENCRYPTED, List.of("config:.sops.yaml: creation_rules[0].path_regex: not a valid"
                                + " regular expression (Unclosed group near index 20). Fix .sops.yaml")),
                arguments("malformed .sops.yaml", "creation_rules: [\n", SECRETS, ENCRYPTED, List.of("config:.sops.yaml: ")),
                arguments("creation_rules not a list", "creation_rules: environments/\n", SECRETS, ENCRYPTED,
                        List.of("config:.sops.yaml: creation_rules: must be a list of rules. Fix .sops.yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String what, String sopsYaml, String path, String content, List<String> expected) {
        var files = with(path, content);
        files.put(".sops.yaml", sopsYaml);
        var e = assertThrows(RenderException.class, () -> renderer.render(config(files), releases(RELEASE), STAGING), what);
        assertEquals(expected.size(), e.problems().size(), e.getMessage());
        expected.forEach(m -> assertTrue(e.getMessage().contains(m), () -> "expected «" + m + "» in\n" + e.getMessage()));
        assertFalse(e.getMessage().contains(VALUE), e.getMessage());
        assertEquals(e.problems(), assertThrows(RenderException.class, () -> renderer.renderConfigs(config(files), STAGING)).problems());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("an encrypted file the rule covers", ".sops.yaml", SECRET_RULE, SECRETS, ENCRYPTED),
                arguments("a plaintext ConfigMap no rule covers", ".sops.yaml", SECRET_RULE, "environments/staging/tungsten/more.yaml",
                        CONFIGMAP.replace("tungsten-config", "more-config")),
                arguments("path_regex is matched from the repo root, as sops matches it", ".sops.yaml", """
                        creation_rules:
                          - path_regex: ^staging/
                            age: age1c0g9saqv6l02hkcnnhrczm322v8wt5f3u2psuj9qam9uv55urqqqtadxy7
                        """, "environments/staging/tungsten/more.yaml", CONFIGMAP.replace("tungsten-config", "more-config")),
                arguments("a Secret without values no rule covers", ".sops.yaml", SECRET_RULE, "environments/staging/tungsten/empty.yaml",
                        "apiVersion: v1\nkind: Secret\nmetadata: {name: empty}\nstringData: {}\n"),
                arguments("no .sops.yaml: plaintext Secrets are allowed, as Flux allows", null, null, SECRETS, SECRET),
                arguments("a .sops.yaml below environments/ is not the repo's", "environments/staging/.sops.yaml", SECRET_RULE,
                        SECRETS, SECRET),
                arguments("rules for keys Kustos does not have, for other files, do not matter", ".sops.yaml", """
                        creation_rules:
                          - path_regex: ^production/
                            kms: arn:aws:kms:eu-west-1:1:key/x
                        """, "environments/staging/tungsten/more.yaml", CONFIGMAP.replace("tungsten-config", "more-config")),
                arguments(".sops.yaml without creation_rules covers no file", ".sops.yaml", "stores:\n  yaml:\n    indent: 2\n",
                        "environments/staging/tungsten/more.yaml", CONFIGMAP.replace("tungsten-config", "more-config")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void accepted(String what, String sopsAt, String sopsYaml, String path, String content) {
        var files = with(path, content);
        if (sopsAt != null) {
            files.put(sopsAt, sopsYaml);
        }
        var desired = renderer.render(config(files), releases(RELEASE), STAGING);
        assertEquals(2, desired.configs().size(), what);
    }
}
