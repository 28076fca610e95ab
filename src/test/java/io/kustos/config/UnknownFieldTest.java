package io.kustos.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.kustos.config.ConfigYaml.MINIMAL;
import static io.kustos.config.ConfigYaml.SOURCES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** A misspelt or unknown field, at any depth, is named with its full path and the fields known there. */
class UnknownFieldTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(MINIMAL + "sync: { intervl: 5m }\n",
                        "kustos.yaml: sync.intervl: unknown field (known: interval, prune, selfHeal, rollbackOnFailure, rolloutTimeout, force, allowPruneAll, concurrency, environmentConcurrency, writeLock)"),
                arguments(MINIMAL + "targetz: []\n",
                        "kustos.yaml: targetz: unknown field (known: sources, decryption, targets, sync, history, server, cacheDir, leaderElection, notifications, previews, sharding)"),
                arguments(SOURCES + "targets:\n  - { environment: staging, namespace: staging }\n  - { environment: prod, namepsace: prod }\n",
                        "kustos.yaml: targets[1].namepsace: unknown field (known: environment, namespace, allowedNamespaces, kubeconfig, context, allowMutableTags, after)\n"
                                + "kustos.yaml: targets[1].namespace: required"),
                arguments(MINIMAL.replace("platform/config.git }", "platform/config.git, brnach: dev }"),
                        "kustos.yaml: sources.config.brnach: unknown field (known: url, branch, auth, verify, timeout, allowForcePush)"),
                arguments(MINIMAL.replace("platform/releases.git }", "platform/releases.git, auth: { token: abc } }"),
                        "kustos.yaml: sources.releases.auth.token: unknown field (known: username, passwordFile, tokenFile, sshKeyFile, knownHostsFile, insecureIgnoreHostKey)"),
                arguments(MINIMAL + "sources2: {}\n",
                        "kustos.yaml: sources2: unknown field (known: sources, decryption, targets, sync, history, server, cacheDir, leaderElection, notifications, previews, sharding)"),
                arguments(MINIMAL.replace("releases: {", "release: {"),
                        "kustos.yaml: sources.release: unknown field (known: config, releases)\n"
                                + "kustos.yaml: sources.releases: required (a mapping with a url)"),
                arguments(MINIMAL + "decryption: { ageKey: /k }\n",
                        "kustos.yaml: decryption.ageKey: unknown field (known: ageKeyFile, pgpKeyFiles, pgpPassphraseFile)"),
                arguments(MINIMAL + "history: { max: 5 }\n",
                        "kustos.yaml: history.max: unknown field (known: limit)"),
                arguments(MINIMAL + "server: { port: 80, webhookSecret: s3cr3t }\n",
                        "kustos.yaml: server.webhookSecret: unknown field (known: port, webhookSecretFile, host, maxBodyBytes)"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void isReportedWithItsPathAndTheKnownFields(String yaml, String expected) {
        assertEquals(expected, ConfigYaml.problems(yaml));
    }
}
