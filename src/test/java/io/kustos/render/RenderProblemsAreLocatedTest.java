package io.kustos.render;

import io.kustos.decrypt.Decryptor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.kustos.render.RenderFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A revision that does not render, as {@code kustos preview} and a pull request's report show it
 * ({@link RenderException#locatedIn}): every problem at its file, line and key path in the
 * snapshots it was found in ({@code config:path:line: key path: message}), sorted by file and line
 * as {@code kustos validate} lists them, the message otherwise render's.
 */
class RenderProblemsAreLocatedTest {
    private static final String PORTS = "environments/staging/app/ports.yaml";

    private final Renderer renderer = new Renderer(Decryptor.NONE);

    @Test
    void everyProblemCarriesItsLineInTheRepoItWasFoundIn() {
        var config = config(with(PORTS, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ports\ndata:\n  PORT: 8080\n  TIMEOUT: 30\n"));
        var releases = releases(RELEASE.replace("tungsten: registry.example.com/karix/tungsten:2.3.1",
                "tungsten: registry.example.com/karix/tungsten:latest"));
        var e = assertThrows(RenderException.class, () -> renderer.render(config, releases, STAGING));

        var located = e.locatedIn(config, releases);
        assertEquals("""
                3 problems in the repos:
                  config:environments/staging/app/ports.yaml:6: data.PORT: must be a string, not a number (quote it)
                  config:environments/staging/app/ports.yaml:7: data.TIMEOUT: must be a string, not a number (quote it)
                  releases:environments/staging/release.yaml:7: workloads[0].containers.tungsten: "registry.example.com/karix/tungsten:latest" \
                uses the mutable tag :latest; pin a version or digest, or set allowMutableTags on target staging""", located.getMessage());
        assertEquals(e.problems(), located.problems(), "the problems themselves are render's");
        assertEquals(e.reason(), located.reason());
    }

    @Test
    void problemsAreSortedByFileAndLineAndOneInNoFileHasNoLine() {
        var config = config(Map.of("environments/staging/b/late.yaml", "kind: ConfigMap\napiVersion: v1\nmetadata: {name: Bad_Name}\n",
                "environments/staging/a/early.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: early\ndata:\n  A: 1\n",
                "environments/staging/a/broken.yaml", "apiVersion: v1\n\ndata: [\n"));
        var releases = releases(RELEASE);
        var e = assertThrows(RenderException.class, () -> renderer.render(config, releases, STAGING));
        String[] lines = e.locatedIn(config, releases).getMessage().split("\n");
        assertEquals("3 problems in the repos:", lines[0]);
        assertTrue(lines[1].matches("  config:environments/staging/a/broken\\.yaml:\\d+: data: malformed YAML at column \\d+: .*"),
                "a file that does not parse, at the line of its error: " + lines[1]);
        assertEquals("  config:environments/staging/a/early.yaml:6: data.A: must be a string, not a number (quote it)", lines[2]);
        assertTrue(lines[3].startsWith("  config:environments/staging/b/late.yaml:3: metadata.name: \"Bad_Name\""), lines[3]);

        var noFolder = assertThrows(RenderException.class, () -> renderer.render(config(Map.of("environments/web/a/x.yaml", CONFIGMAP)),
                releases, STAGING));
        assertEquals("invalid input:\n  config:environments/staging/: the config repo has no folder for environment staging",
                noFolder.locatedIn(config(Map.of("environments/web/a/x.yaml", CONFIGMAP)), releases).getMessage());
    }
}
