package io.kustos.render;

import io.kustos.decrypt.Decryptor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kustos.render.RenderFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * One repo that is both the config and the release repo keeps {@code environments/<env>/release.yaml}
 * beside the service folders: the config render leaves it to the release render (as {@link RepoKind}
 * counts it a release repo's file); any other file beside the service folders is still refused.
 */
class OneRepoForBothRendersTest {
    private final Renderer renderer = new Renderer(Decryptor.NONE);

    @Test
    void theReleaseManifestIsNoConfigFile() {
        var both = repo("3".repeat(40), Map.of("environments/staging/tungsten/config.yaml", CONFIGMAP, "environments/staging/release.yaml", RELEASE));
        assertEquals(List.of(), renderer.configProblems(both, STAGING));
        DesiredState s = renderer.render(both, both, STAGING);
        assertEquals(List.of(ObjectKey.configMap("staging", "tungsten-config")), s.configs().stream().map(DesiredConfig::key).toList());
        assertEquals(Map.of("tungsten", "registry.example.com/karix/tungsten:2.3.1"), s.workloads().get(0).images());
    }

    @Test
    void anotherFileBesideTheServiceFoldersIsStillRefused() {
        var problems = renderer.configProblems(config(with("environments/staging/releases.yaml", CONFIGMAP)), STAGING);
        assertEquals(List.of("config:environments/staging/releases.yaml"), problems.stream().map(RenderProblem::file).toList());
        assertTrue(problems.get(0).message().startsWith("put config files in a service folder or common/"), problems.toString());
    }
}
