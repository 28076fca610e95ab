package io.kustos.cli;

import io.kustos.config.SourceSpec;
import io.kustos.config.Sources;
import io.kustos.failure.StallingException;
import io.kustos.source.PreviewRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code kustos preview} on one repo for both (sources.config and sources.releases the same url and branch): one
 * ref names both sides, as a pull request's head does in the daemon; two refs that differ are refused, exit 3.
 */
class PreviewOfOneRepoForBothTest {
    private static final String URL = "https://git.example.com/platform/config.git";
    private static final Sources ONE = new Sources(new SourceSpec(URL, "main", null), new SourceSpec(URL, null, null));
    private static final PreviewRef PR = new PreviewRef("refs/pull/12/head");

    @Test
    void eitherRefAloneIsBothSides() {
        assertEquals(new PreviewRefs(PR, PR), PreviewRefs.of(ONE, "kustos.yaml", PR, null));
        assertEquals(new PreviewRefs(PR, PR), PreviewRefs.of(ONE, "kustos.yaml", null, PR));
        assertEquals(new PreviewRefs(PR, PR), PreviewRefs.of(ONE, "kustos.yaml", PR, new PreviewRef("refs/pull/12/head")));
        assertEquals(new PreviewRefs(null, null), PreviewRefs.of(ONE, "kustos.yaml", null, null));
    }

    @Test
    void twoReposKeepTheirOwnRefs() {
        var two = new Sources(new SourceSpec(URL, "main", null), new SourceSpec("https://git.example.com/platform/releases.git", "main", null));
        assertEquals(new PreviewRefs(PR, null), PreviewRefs.of(two, "kustos.yaml", PR, null));
        var branches = new Sources(new SourceSpec(URL, "config", null), new SourceSpec(URL, "releases", null));
        var main = new PreviewRef("main");
        assertEquals(new PreviewRefs(PR, main), PreviewRefs.of(branches, "kustos.yaml", PR, main));
    }

    @Test
    void twoRefsThatDifferAreRefused() {
        var e = assertThrows(StallingException.class, () -> PreviewRefs.of(ONE, "k.yaml", PR, new PreviewRef("main")));
        assertEquals(3, ExitCodes.of(e));
        assertTrue(e.getMessage().contains("k.yaml follows one repo for both (sources.config and sources.releases have the same url and branch)"),
                e.getMessage());
    }

    @Test
    void theCommandRefusesThemBeforeFetching(@TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("kustos.yaml");
        String url = tmp.resolve("nothing-here.git").toUri().toString();
        Files.writeString(yaml, "sources: { config: { url: '%s' }, releases: { url: '%s' } }\n".formatted(url, url)
                + "targets: [ { environment: staging, namespace: staging } ]\n");
        var run = CommandRun.of("preview", "--config", yaml.toString(), "--kubeconfig", tmp.resolve("none").toString(),
                "--config-ref", "refs/pull/12/head", "--releases-ref", "main");
        assertEquals(3, run.exit(), run.err());
        assertTrue(run.err().contains("--config-ref refs/pull/12/head and --releases-ref main differ"), run.err());
        assertFalse(Files.exists(tmp.resolve(".kustos-cache")), "nothing fetched");
    }
}
