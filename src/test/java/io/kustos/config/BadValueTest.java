package io.kustos.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.kustos.config.ConfigYaml.MINIMAL;
import static io.kustos.config.ConfigYaml.SOURCES;
import static io.kustos.config.ConfigYaml.TARGETS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** A value of the wrong type or out of range is named with its path, what was written and what would do. */
class BadValueTest {

    private static String targets(String items) {
        return SOURCES + "targets:\n" + items;
    }

    private static String source(String config) {
        return "sources:\n  config: " + config + "\n  releases: { url: https://git.example.com/r.git }\n" + TARGETS;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // sync
                arguments(MINIMAL + "sync: { interval: 5 minutes }\n",
                        "sync.interval: \"5 minutes\" is not a duration (use e.g. 30s, 5m, 1h30m)"),
                arguments(MINIMAL + "sync: { interval: 30 }\n",
                        "sync.interval: 30 is not a duration (use e.g. 30s, 5m, 1h30m)"),
                arguments(MINIMAL + "sync: { interval: 500ms }\n",
                        "sync.interval: \"500ms\" is too short (at least 1s)"),
                arguments(MINIMAL + "sync: { interval: \"-5m\" }\n",
                        "sync.interval: \"-5m\" is not positive"),
                arguments(MINIMAL + "sync: { rolloutTimeout: 0s }\n",
                        "sync.rolloutTimeout: \"0s\" is not positive"),
                arguments(MINIMAL + "sync: { rolloutTimeout: PT0.5S }\n",
                        "sync.rolloutTimeout: \"PT0.5S\" is too short (at least 1s)"),
                arguments(MINIMAL + "sync: { prune: maybe }\n",
                        "sync.prune: \"maybe\" is not a boolean (use true or false)"),
                arguments(MINIMAL + "sync: { concurrency: 0 }\n",
                        "sync.concurrency: 0 is out of range (1..128)"),
                arguments(MINIMAL + "sync: { concurrency: many }\n",
                        "sync.concurrency: \"many\" is not a whole number"),
                arguments(MINIMAL + "sync: 30s\n",
                        "sync: expected a mapping, found a string"),
                // history, server
                arguments(MINIMAL + "history: { limit: 0 }\n", "history.limit: 0 is out of range (1..1000)"),
                arguments(MINIMAL + "history: { limit: 1001 }\n", "history.limit: 1001 is out of range (1..1000)"),
                arguments(MINIMAL + "history: { limit: 2.5 }\n", "history.limit: 2.5 is not a whole number"),
                arguments(MINIMAL + "server: { port: -1 }\n", "server.port: -1 is out of range (0..65535)"),
                arguments(MINIMAL + "server: { port: 65536 }\n", "server.port: 65536 is out of range (0..65535)"),
                arguments(MINIMAL + "server: { port: 99999999999 }\n", "server.port: 99999999999 is out of range (0..65535)"),
                arguments(MINIMAL + "server: { port: http }\n", "server.port: \"http\" is not a whole number"),
                // targets
                arguments(targets("  - { environment: staging, namespace: staging }\n  - { environment: production, namespace: Prod_NS }\n"),
                        "targets[1].namespace: \"Prod_NS\" is not a valid namespace name (DNS-1123 label)"),
                arguments(targets("  - { environment: Staging, namespace: staging }\n"),
                        "targets[0].environment: \"Staging\" is not a valid environment name (DNS-1123 label)"),
                arguments(targets("  - { environment: staging, namespace: staging, allowedNamespaces: [jobs, \"kube system\"] }\n"),
                        "targets[0].allowedNamespaces[1]: \"kube system\" is not a valid namespace name (DNS-1123 label)"),
                arguments(targets("  - { environment: staging, namespace: staging }\n  - { environment: staging, namespace: staging-2 }\n"),
                        "targets[1].environment: \"staging\" is already used by targets[0]"),
                arguments(targets("  - { environment: staging, namespace: apps }\n  - { environment: production, namespace: apps }\n"),
                        "targets[1].namespace: \"apps\" is already the namespace of targets[0] on the same cluster (same kubeconfig and context)"),
                arguments(targets("  - { namespace: staging }\n"), "targets[0].environment: required"),
                arguments(targets("  - staging\n"), "targets[0]: expected a mapping, found a string"),
                arguments(targets("  - { environment: staging, namespace: staging, allowMutableTags: \"no\" }\n"),
                        "targets[0].allowMutableTags: \"no\" is not a boolean (use true or false)"),
                arguments(targets("  - { environment: \"\", namespace: staging }\n"), "targets[0].environment: must not be empty"),
                arguments(SOURCES, "targets: at least one target is required"),
                arguments(SOURCES + "targets: []\n", "targets: at least one target is required"),
                arguments(SOURCES + "targets: { environment: staging }\n", "targets: expected a list, found a mapping"),
                // sources
                arguments(TARGETS, "sources: required (config and releases, each with a url)"),
                arguments("sources: {}\n" + TARGETS,
                        "sources.config: required (a mapping with a url)\nkustos.yaml: sources.releases: required (a mapping with a url)"),
                arguments(source("{ branch: main }"), "sources.config.url: required"),
                arguments(source("{ url: https://git.example.com/c.git, branch: \"feature..x\" }"),
                        "sources.config.branch: \"feature..x\" is not a valid git branch name"),
                arguments(source("{ url: https://git.example.com/c.git, branch: \"my branch\" }"),
                        "sources.config.branch: \"my branch\" is not a valid git branch name"),
                arguments(source("{ url: \"ftp://git.example.com/c.git\" }"),
                        "sources.config.url: unsupported scheme \"ftp\" (use https://, http://, ssh://, git://, file://, git@host:path or a local path)"),
                arguments(source("{ url: \"https://bot:hunter2@git.example.com/c.git\" }"),
                        "sources.config.url: credentials inside the URL are not allowed (use auth.tokenFile, auth.passwordFile or auth.sshKeyFile)"),
                arguments(source("{ url: https://git.example.com/c.git, auth: { tokenFile: t, passwordFile: p } }"),
                        "sources.config.auth: set passwordFile or tokenFile, not both"),
                arguments(source("{ url: https://git.example.com/c.git, auth: { sshKeyFile: id_ed25519 } }"),
                        "sources.config.auth.sshKeyFile: only used with ssh:// and git@host:path URLs"),
                arguments(source("{ url: \"git@git.example.com:c.git\", auth: { tokenFile: token } }"),
                        "sources.config.auth.tokenFile: only used with http(s):// URLs"),
                // decryption
                arguments(MINIMAL + "decryption: { pgpKeyFiles: /k/ops.asc }\n",
                        "decryption.pgpKeyFiles: expected a list, found a string"),
                arguments(MINIMAL + "decryption: { ageKeyFile: [a, b] }\n",
                        "decryption.ageKeyFile: expected a string, found a list"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void isReportedWithItsPath(String yaml, String expected) {
        assertEquals("kustos.yaml: " + expected, ConfigYaml.problems(yaml));
    }

    @Test
    void allProblemsAreReportedTogetherOnePerLine() {
        String yaml = """
                sources:
                  config: { url: https://git.example.com/c.git, branch: "a..b" }
                targets:
                  - { environment: staging, namespace: Prod_NS }
                sync: { intervl: 5m, rolloutTimeout: soon }
                server: { port: 70000 }
                """;
        assertEquals("""
                kustos.yaml: sources.config.branch: "a..b" is not a valid git branch name
                kustos.yaml: sources.releases: required (a mapping with a url)
                kustos.yaml: targets[0].namespace: "Prod_NS" is not a valid namespace name (DNS-1123 label)
                kustos.yaml: sync.intervl: unknown field (known: interval, prune, selfHeal, rollbackOnFailure, rolloutTimeout, force, allowPruneAll, concurrency, environmentConcurrency, writeLock)
                kustos.yaml: sync.rolloutTimeout: "soon" is not a duration (use e.g. 30s, 5m, 1h30m)
                kustos.yaml: server.port: 70000 is out of range (0..65535)""", ConfigYaml.problems(yaml));
    }
}
