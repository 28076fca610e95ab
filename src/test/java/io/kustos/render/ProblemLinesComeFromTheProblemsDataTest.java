package io.kustos.render;

import io.kustos.decrypt.Decryptor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.kustos.render.RenderFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A render problem is placed from what render knows as it reads (its {@link KeyPath}: document and
 * keys, or the line where the parser stopped), never from its message: a message that names
 * another place, or none, does not move it.
 */
class ProblemLinesComeFromTheProblemsDataTest {
    private static final String BOTH = "environments/staging/web/both.yaml";

    private final Renderer renderer = new Renderer(Decryptor.NONE);

    @Test
    void aDuplicateIsAtItsOwnDocumentNotAtTheFirstOneOfTheSameName() {
        // a Secret and a ConfigMap may share a name; only the ConfigMap (document 1, line 11) is defined twice
        var config = config(with(BOTH, """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: tungsten-config
                stringData:
                  A: b
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: tungsten-config
                data:
                  A: b
                """));
        var releases = releases(RELEASE);
        var e = assertThrows(RenderException.class, () -> renderer.render(config, releases, STAGING));
        assertEquals(new KeyPath(1, "metadata.name", KeyPath.Shown.WITH_DOCUMENT), e.problems().get(0).path());
        assertEquals("2 problems in the repos:\n"
                + "  config:environments/staging/tungsten/config.yaml:4: metadata.name: ConfigMap staging/tungsten-config is also defined in "
                + "config:" + BOTH + ":11\n"
                + "  config:" + BOTH + ":11: [1].metadata.name: ConfigMap staging/tungsten-config is also defined in "
                + "config:environments/staging/tungsten/config.yaml:4", e.locatedIn(config, releases).getMessage());
    }

    @Test
    void aFileNestedTooDeepIsAtTheLineWhereTheParserStopped() {
        String deep = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  X: " + "[".repeat(1001) + "]".repeat(1001) + "\n";
        var config = config(with(BOTH, deep));
        var releases = releases(RELEASE);
        var e = assertThrows(RenderException.class, () -> renderer.render(config, releases, STAGING));
        assertEquals(6, e.problems().get(0).line(), e.getMessage());
        assertTrue(e.locatedIn(config, releases).getMessage().startsWith("invalid input:\n  config:" + BOTH + ":6: nested deeper than 1000 levels"),
                e.locatedIn(config, releases).getMessage());
    }

    @Test
    void aMessageNamingAnotherPlaceDoesNotMoveTheProblem() {
        var config = config(Map.of(BOTH, "a: 1\n---\nb:\n  c: 2\n  d: 3\n"));
        var locator = new ProblemLocator(Map.of(RepoKind.CONFIG, config));
        String file = "config:" + BOTH;

        var shown = locator.locate(new RenderProblem(file, new KeyPath(1, "b.d", KeyPath.Shown.WITH_DOCUMENT), 0,
                "malformed YAML at line 1, column 1: but the key path says otherwise"));
        assertEquals(new LocatedProblem(file, 5, "[1].b.d", "malformed YAML at line 1, column 1: but the key path says otherwise"), shown);

        var named = locator.locate(new RenderProblem(file, new KeyPath(1, "b.c", KeyPath.Shown.KEYS), 0, "mac error at a: names another key"));
        assertEquals(new LocatedProblem(file, 4, "b.c", "mac error at a: names another key"), named);

        var noLineInMessage = locator.locate(new RenderProblem(file, KeyPath.FILE, 3, "is not what was expected"));
        assertEquals("config:" + BOTH + ":3: is not what was expected", noLineInMessage.toString());
    }
}
