package io.kustos.render;

import io.kustos.decrypt.DecryptionException;
import io.kustos.decrypt.Decryptor;
import io.kustos.source.MemorySnapshot;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.From;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A renderer that keeps each environment's files by blob id (the daemon's) renders every commit of
 * a random sequence exactly as a renderer that reads every file: the same desired state, or the
 * same problems. The commits set ConfigMaps and SOPS Secrets, delete files, define an object twice,
 * break a file's YAML or its encryption, commit a plaintext Secret, and switch the root .sops.yaml
 * rule that forbids plaintext — each before or after the others, in any order.
 */
class KeptFilesRenderAsAFullRenderTest {
    private static final String SOPS_RULES = """
            creation_rules:
              - path_regex: environments/.*/secret.*\\.yaml$
                encrypted_regex: ^(data|stringData)$
                age: age1c0g9saqv6l02hkcnnhrczm322v8wt5f3u2psuj9qam9uv55urqqqtadxy7
            """;
    private static final List<String> FOLDERS = List.of("tungsten", "common");
    private static final List<String> FILES = List.of("config.yaml", "more.yaml", "secret.yaml", "secret-b.yaml");

    /** One commit: what it does to one file (or to .sops.yaml). */
    record Change(String kind, String path, String name, String value) {
        void applyTo(Map<String, String> files) {
            switch (kind) {
                case "configmap" -> files.put(path, configMap(name, value));
                case "secret" -> files.put(path, encrypted(name, value));
                case "plain-secret" -> files.put(path, secret(name, value));
                case "broken-yaml" -> files.put(path, "apiVersion: v1\nkind: [ConfigMap\n");
                case "broken-sops" -> files.put(path, encrypted(name, "BROKEN"));
                case "delete" -> files.remove(path);
                case "sops-rules" -> files.put(".sops.yaml", SOPS_RULES);
                case "no-sops-rules" -> files.remove(".sops.yaml");
                default -> throw new IllegalArgumentException(kind);
            }
        }
    }

    @Provide
    Arbitrary<Change> changes() {
        Arbitrary<String> kinds = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("configmap")), Tuple.of(5, Arbitraries.just("secret")),
                Tuple.of(1, Arbitraries.just("plain-secret")), Tuple.of(1, Arbitraries.just("broken-yaml")),
                Tuple.of(1, Arbitraries.just("broken-sops")), Tuple.of(2, Arbitraries.just("delete")),
                Tuple.of(1, Arbitraries.just("sops-rules")), Tuple.of(1, Arbitraries.just("no-sops-rules")));
        Arbitrary<String> paths = Combinators.combine(Arbitraries.of(FOLDERS), Arbitraries.of(FILES))
                .as((folder, file) -> "environments/staging/" + folder + "/" + file);
        Arbitrary<String> names = Arbitraries.of("alpha", "beta", "gamma"); // few names: objects defined twice happen
        Arbitrary<String> values = Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3);
        return Combinators.combine(kinds, paths, names, values).as(Change::new);
    }

    @Property(tries = 200)
    void everyCommitRendersAsAFullRender(@ForAll @Size(min = 1, max = 25) List<@From("changes") Change> commits) {
        Renderer keeping = new Renderer(FAKE_SOPS, true);
        Renderer full = new Renderer(FAKE_SOPS);
        var files = new HashMap<String, String>();
        files.put("environments/staging/tungsten/config.yaml", RenderFixtures.CONFIGMAP);
        var releases = RenderFixtures.releases(RenderFixtures.RELEASE);
        int n = 0;
        for (Change c : commits) {
            c.applyTo(files);
            MemorySnapshot config = RenderFixtures.repo(String.format("%040x", ++n), files);
            assertEquals(outcome(full, config, releases), outcome(keeping, config, releases), "after commit " + n + ": " + c);
        }
    }

    /** The desired state, or the problems that stopped it. */
    private static Object outcome(Renderer renderer, MemorySnapshot config, MemorySnapshot releases) {
        try {
            return renderer.render(config, releases, RenderFixtures.STAGING);
        } catch (RenderException e) {
            return e.problems();
        }
    }

    /** Stands for sops and its key: an "encrypted" file is the plaintext Secret with a sops block; BROKEN fails to decrypt. */
    static final Decryptor FAKE_SOPS = (file, encrypted) -> {
        String text = new String(encrypted, StandardCharsets.UTF_8);
        if (text.contains("BROKEN")) {
            throw new DecryptionException(file + ": MAC mismatch (the file was changed without sops)");
        }
        return text.substring(0, text.indexOf("sops:")).getBytes(StandardCharsets.UTF_8);
    };

    static String configMap(String name, String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  KEY: "%s"
                """.formatted(name, value);
    }

    static String secret(String name, String value) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %s-secret
                stringData:
                  PASSWORD: "%s"
                """.formatted(name, value);
    }

    static String encrypted(String name, String value) {
        return secret(name, value) + "sops:\n  version: 3.9.0\n";
    }
}
