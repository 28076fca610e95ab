package io.kustos.render;

import io.kustos.decrypt.Decryptor;
import io.kustos.source.MemorySnapshot;
import io.kustos.source.RepoFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.kustos.render.RenderFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Each bad input is one clear problem naming the file and key path, and no secret value. */
class RenderRejectsBadInputTest {
    private final Renderer renderer = new Renderer(Decryptor.NONE);
    private static final String FILE = "environments/staging/svc/x.yaml";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        malformed YAML       | 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: a\\n'                      | x.yaml:3: metadata: malformed YAML at column 19: while parsing a flow mapping
        duplicate key        | 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: a}\\ndata: {K: a, K: b}\\n' | x.yaml:4: data.K: duplicate key K: a key appears once in a mapping
        unmanaged kind       | 'apiVersion: apps/v1\\nkind: Deployment\\nmetadata: {name: a}\\n'                | x.yaml: kind: kind Deployment is not managed from the config repo
        invalid name         | 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: My_Config}\\n'             | x.yaml: metadata.name: \"My_Config\" must be a DNS-1123 subdomain
        unknown field        | 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: a}\\ndatta: {}\\n'         | x.yaml: datta: unknown field (known: apiVersion, binaryData, data, kind, metadata, stringData, type)
        unknown meta field   | 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: a, uid: x}\\n'             | x.yaml: metadata.uid: unknown field (known: annotations, labels, name, namespace)
        number value         | 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: a}\\ndata: {PORT: 8080}\\n' | x.yaml: data.PORT: must be a string, not a number (quote it)
        bad data key         | 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: a}\\ndata: {\"a b\": x}\\n' | x.yaml: data.a b: key is not a valid key
        bad base64           | 'apiVersion: v1\\nkind: Secret\\nmetadata: {name: a}\\ndata: {K: \"%%%\"}\\n'    | x.yaml: data.K: is not valid base64
        both data, stringData| 'apiVersion: v1\\nkind: Secret\\nmetadata: {name: a}\\ndata: {K: eA==}\\nstringData: {K: y}\\n' | x.yaml: stringData.K: key is given in both data and stringData
        foreign namespace    | 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: a, namespace: kube-system}\\n' | x.yaml: metadata.namespace: namespace kube-system is not allowed for environment staging
        reserved label       | 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: a, labels: {kustos.io/environment: x}}\\n' | x.yaml: metadata.labels.kustos.io/environment: is reserved for Kustos
        reserved name        | 'apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: kustos-history}\\n'               | x.yaml: metadata.name: kustos-history is reserved for Kustos's history
        reserved key name    | 'apiVersion: v1\\nkind: Secret\\nmetadata: {name: kustos-fingerprint-key}\\n'       | x.yaml: metadata.name: kustos-fingerprint-key is reserved for the key of Kustos's Secret fingerprints
        not a mapping        | '- a\\n- b\\n'                                                                  | x.yaml: a manifest must be a mapping, not a list
        alias                | 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {A: &v x, B: *v}\n' | x.yaml:4: data: malformed YAML at column 20: a YAML alias (*v) is not supported: write the value out where the alias is
        encrypted, no key    | 'apiVersion: v1\\nkind: Secret\\nmetadata: {name: a}\\ndata: {K: \"ENC[x]\"}\\nsops: {version: 3.9.0}\\n' | x.yaml: the file is encrypted with SOPS, but no decryption key is configured
        """)
    void rejects(String what, String yaml, String expected) {
        var files = with(FILE, yaml.replace("\\n", "\n"));
        var e = assertThrows(RenderException.class, () -> renderer.render(config(files), releases(RELEASE), STAGING), what);
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("config:environments/staging/svc/" + expected), e.getMessage());
    }

    @Test
    void theSameObjectInTwoFilesNamesBoth() {
        var files = with("environments/staging/other/dup.yaml", CONFIGMAP);
        var e = assertThrows(RenderException.class, () -> renderer.render(config(files), releases(RELEASE), STAGING));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("config:environments/staging/tungsten/config.yaml: metadata.name: ConfigMap staging/tungsten-config"
                + " is also defined in config:environments/staging/other/dup.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("config:environments/staging/other/dup.yaml: metadata.name: ConfigMap staging/tungsten-config"
                + " is also defined in config:environments/staging/tungsten/config.yaml"), e.getMessage());
    }

    @Test
    void aSymlinkSubmoduleOrOversizeFileIsRefused() {
        var files = new HashMap<String, RepoFile>();
        byte[] cm = CONFIGMAP.getBytes();
        files.put("environments/staging/a/link.yaml", new RepoFile("environments/staging/a/link.yaml", RepoFile.Type.SYMLINK, 10, null));
        files.put("environments/staging/a/big.yaml", new RepoFile("environments/staging/a/big.yaml", RepoFile.Type.REGULAR, 6_000_000, null));
        files.put("environments/staging/a/sub.yaml", new RepoFile("environments/staging/a/sub.yaml", RepoFile.Type.SUBMODULE, 0, null));
        files.put("environments/staging/a/ok.yaml", new RepoFile("environments/staging/a/ok.yaml", RepoFile.Type.REGULAR, cm.length, cm));
        var repo = new MemorySnapshot(config(Map.of()).revision(), config(Map.of()).head(), files);
        var e = assertThrows(RenderException.class, () -> renderer.render(repo, releases(RELEASE), STAGING));
        assertTrue(e.getMessage().contains("config:environments/staging/a/link.yaml: is a symbolic link"), e.getMessage());
        assertTrue(e.getMessage().contains("config:environments/staging/a/big.yaml: is 6000000 bytes, over the limit of 5 MiB (5242880 bytes)"), e.getMessage());
        assertTrue(e.getMessage().contains("config:environments/staging/a/sub.yaml: is a git submodule; Kustos reads only regular files"), e.getMessage());
    }

    /** An alias bomb (each list nine aliases of the one before) is refused at its first alias, before anything is expanded. */
    @Test
    void anAliasBombIsRefusedCheaply() throws Exception {
        var bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("x").append(i).append(": &a").append(i).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        var refused = io.kustos.testsupport.AllocatedBytes.of(() -> assertThrows(RenderException.class,
                () -> renderer.render(config(with(FILE, bomb.toString())), releases(RELEASE), STAGING)));
        assertTrue(refused.result().getMessage().contains("x.yaml:5: x1: malformed YAML at column 10: a YAML alias (*a0) is not supported"),
                refused.result().getMessage());
        assertTrue(refused.bytes() < 10_000_000, refused.bytes() + " bytes allocated");
    }

    @Test
    void nestingDeeperThanAThousandLevelsIsRefused() {
        String deep = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: " + "[".repeat(1001) + "]".repeat(1001) + "\n";
        var e = assertThrows(RenderException.class, () -> renderer.render(config(with(FILE, deep)), releases(RELEASE), STAGING));
        assertTrue(e.getMessage().contains("x.yaml:4: nested deeper than 1000 levels at column "), e.getMessage());
        assertTrue(e.getMessage().contains(": flatten the lists and mappings there (at most 1000 levels)"), e.getMessage());
        assertFalse(e.getMessage().contains("StreamReadConstraints"), e.getMessage());
    }

    @Test
    void aSecretValueNeverAppearsInAMessage() {
        var files = with(FILE, "apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nstringData: {PASSWORD: hunter2-very-secret, \"bad key\": hunter2-very-secret}\n");
        var e = assertThrows(RenderException.class, () -> renderer.render(config(files), releases(RELEASE), STAGING));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        mutable tag     | tungsten: registry.example.com/karix/tungsten:latest | workloads[0].containers.tungsten: \"registry.example.com/karix/tungsten:latest\" uses the mutable tag :latest
        no tag          | tungsten: registry.example.com/karix/tungsten        | workloads[0].containers.tungsten: \"registry.example.com/karix/tungsten\" has no tag
        bad image       | tungsten: 'Registry/UPPER:1'                          | workloads[0].containers.tungsten: \"Registry/UPPER:1\" is not a valid image reference
        """)
    void rejectsReleaseProblems(String what, String container, String expected) {
        String release = RELEASE.replace("tungsten: registry.example.com/karix/tungsten:2.3.1", container);
        var e = assertThrows(RenderException.class, () -> renderer.render(config(with("x", "")), releases(release), STAGING), what);
        assertTrue(e.getMessage().contains("releases:environments/staging/release.yaml: " + expected), e.getMessage());
    }

    @Test
    void anAliasInTheReleaseManifestIsItsOnlyProblem() {
        String release = RELEASE + "extra: &x a\nmore: *x\n";
        var e = assertThrows(RenderException.class, () -> renderer.render(config(with("x", "")), releases(release), STAGING));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("releases:environments/staging/release.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("a YAML alias (*x) is not supported"), e.getMessage());
    }

    @Test
    void digestsAreAcceptedAndMutableTagsWhenAllowed() {
        String digest = "registry.example.com/karix/tungsten@sha256:" + "a".repeat(64);
        var s = renderer.render(config(with("x", "")), releases(RELEASE.replace("registry.example.com/karix/tungsten:2.3.1", digest)), STAGING);
        assertEquals(digest, s.workloads().get(0).images().get("tungsten"));
        var lenient = new io.kustos.config.Target("staging", "staging", null, null, null, true);
        var s2 = renderer.render(config(with("x", "")), releases(RELEASE.replace(":2.3.1", ":latest")), lenient);
        assertTrue(s2.workloads().get(0).images().get("tungsten").endsWith(":latest"));
    }
}
