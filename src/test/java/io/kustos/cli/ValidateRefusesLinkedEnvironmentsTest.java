package io.kustos.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A repo whose environments are links — every environment's folder, or the {@code environments}
 * folder itself — is recognised as a repo of Kustos and refused by {@code kustos validate} as
 * render refuses it: each link named, with what to do (exit 3), never followed, and not reported
 * as "neither a config repo nor a release repo".
 */
class ValidateRefusesLinkedEnvironmentsTest {
    private static final String REFUSED = ":1: is a symbolic link; Kustos reads only regular files and folders and never follows a link:"
            + " put the files themselves there (a copy) or remove the link";

    @TempDir
    Path dir;

    @Test
    void aRepoWhoseEnvironmentFoldersAreAllLinksIsRefusedByFolder() throws IOException {
        var repos = new ValidateRepos(dir);
        Path linked = dir.resolve("linked");
        Files.createDirectories(linked.resolve("environments"));
        Path staging = Files.createSymbolicLink(linked.resolve("environments/staging"), repos.releases.resolve("environments/staging"));
        Path qa = Files.createSymbolicLink(linked.resolve("environments/qa"), Path.of("staging"));

        var run = repos.validate(linked.toString());

        assertEquals(3, run.code(), run.all());
        assertFalse(run.out().contains("is neither"), run.out());
        assertTrue(run.out().contains(staging + REFUSED + "\n"), run.out());
        assertTrue(run.out().contains(qa + REFUSED + "\n"), run.out());
        assertFalse(run.out().contains("registry.example.com"), "the folder linked to is never read: " + run.out());
    }

    @Test
    void anEnvironmentsFolderThatIsALinkIsRefusedByName() throws IOException {
        var repos = new ValidateRepos(dir);
        for (Path repo : new Path[]{repos.config, repos.releases}) {
            Path moved = dir.resolve(repo.getFileName() + "-environments");
            Files.move(repo.resolve("environments"), moved);
            Path environments = Files.createSymbolicLink(repo.resolve("environments"), moved);

            var run = repos.validate(repo.toString());

            assertEquals(3, run.code(), run.all());
            assertFalse(run.out().contains("is neither"), run.out());
            assertTrue(run.out().startsWith(environments + REFUSED + "\n"), run.out());
        }
    }
}
