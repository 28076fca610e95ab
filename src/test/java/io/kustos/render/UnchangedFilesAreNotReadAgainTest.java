package io.kustos.render;

import io.kustos.decrypt.Decryptor;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The daemon's renderer keeps each environment's files by git blob id: a commit that changes one
 * SOPS file decrypts that one file again, a commit that changes a ConfigMap decrypts none, and a
 * change of the root .sops.yaml (what every file must be) reads every file again.
 */
class UnchangedFilesAreNotReadAgainTest {
    private final AtomicInteger decrypted = new AtomicInteger();
    private final Decryptor counting = (file, encrypted) -> {
        decrypted.incrementAndGet();
        return KeptFilesRenderAsAFullRenderTest.FAKE_SOPS.decrypt(file, encrypted);
    };
    private final Map<String, String> files = new HashMap<>();
    private int commits;

    @Test
    void aCommitDecryptsOnlyTheSopsFilesItChanged() {
        Renderer renderer = new Renderer(counting, true);
        for (int i = 0; i < 10; i++) {
            files.put("environments/staging/svc-" + i + "/secret.yaml", KeptFilesRenderAsAFullRenderTest.encrypted("s" + i, "v1"));
            files.put("environments/staging/svc-" + i + "/config.yaml", KeptFilesRenderAsAFullRenderTest.configMap("c" + i, "v1"));
        }
        assertEquals(10, decryptionsOfNextCommit(renderer), "the first render reads every file");
        assertEquals(0, decryptionsOfNextCommit(renderer), "a commit that changes no file of the environment");

        files.put("environments/staging/svc-3/secret.yaml", KeptFilesRenderAsAFullRenderTest.encrypted("s3", "v2"));
        assertEquals(1, decryptionsOfNextCommit(renderer), "one Secret changed");

        files.put("environments/staging/svc-4/config.yaml", KeptFilesRenderAsAFullRenderTest.configMap("c4", "v2"));
        assertEquals(0, decryptionsOfNextCommit(renderer), "one ConfigMap changed");

        files.put(".sops.yaml", "creation_rules:\n  - path_regex: secret\\.yaml$\n    age: age1c0g9saqv6l02hkcnnhrczm322v8wt5f3u2psuj9qam9uv55urqqqtadxy7\n");
        assertEquals(10, decryptionsOfNextCommit(renderer), "new creation rules: every file is checked again");
    }

    /** Issue 18, point 3: the desired state's digest hashes again only the configs of the files a commit changed. */
    @Test
    void aCommitHashesOnlyTheConfigsItChanged() {
        Renderer renderer = new Renderer(counting, true);
        Renderer fresh = new Renderer(counting);
        for (int i = 0; i < 50; i++) {
            files.put("environments/staging/svc-" + i + "/config.yaml", KeptFilesRenderAsAFullRenderTest.configMap("c" + i, "v1"));
        }
        decryptionsOfNextCommit(renderer);
        assertEquals(50, renderer.configsHashed(), "the first render hashes every config");

        files.put("environments/staging/svc-7/config.yaml", KeptFilesRenderAsAFullRenderTest.configMap("c7", "v2"));
        files.put("environments/staging/svc-50/config.yaml", KeptFilesRenderAsAFullRenderTest.configMap("c50", "v1"));
        String sha = String.format("%040x", commits + 1);
        decryptionsOfNextCommit(renderer);
        assertEquals(52, renderer.configsHashed(), "one config changed and one added: two hashed");
        assertEquals(renderOf(renderer, sha).digest(), renderOf(fresh, sha).digest(), "the digest a renderer that keeps nothing gives");
    }

    private DesiredState renderOf(Renderer renderer, String sha) {
        return renderer.render(RenderFixtures.repo(sha, files), RenderFixtures.releases(RenderFixtures.RELEASE.replace(
                "workloads:\n  - name: tungsten\n    containers:\n      tungsten: registry.example.com/karix/tungsten:2.3.1\n", "workloads: []\n")),
                RenderFixtures.STAGING);
    }

    @Test
    void aRendererThatKeepsNothingDecryptsEveryFileEachTime() {
        Renderer renderer = new Renderer(counting);
        files.put("environments/staging/svc-0/secret.yaml", KeptFilesRenderAsAFullRenderTest.encrypted("s0", "v1"));
        files.put("environments/staging/svc-1/secret.yaml", KeptFilesRenderAsAFullRenderTest.encrypted("s1", "v1"));
        assertEquals(2, decryptionsOfNextCommit(renderer));
        assertEquals(2, decryptionsOfNextCommit(renderer));
    }

    private int decryptionsOfNextCommit(Renderer renderer) {
        int before = decrypted.get();
        renderer.render(RenderFixtures.repo(String.format("%040x", ++commits), files),
                RenderFixtures.releases(RenderFixtures.RELEASE.replace("workloads:\n  - name: tungsten\n    containers:\n      tungsten: registry.example.com/karix/tungsten:2.3.1\n", "workloads: []\n")),
                RenderFixtures.STAGING);
        return decrypted.get() - before;
    }
}
