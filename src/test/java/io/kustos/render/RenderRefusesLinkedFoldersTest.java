package io.kustos.render;

import io.kustos.config.Target;
import io.kustos.decrypt.Decryptor;
import io.kustos.source.GitSnapshot;
import io.kustos.source.GitWorkspace;
import io.kustos.source.RepoSnapshot;
import io.kustos.source.Revision;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.kustos.render.RenderFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A folder under {@code environments/} committed as a symbolic link (a git tree entry of mode
 * 120000 where a folder is expected) is refused by name, never followed nor skipped as "no change".
 */
class RenderRefusesLinkedFoldersTest {
    private final Renderer renderer = new Renderer(Decryptor.NONE);
    @TempDir
    Path tmp;

    @Test
    void aServiceFolderThatIsALinkIsRefused() throws Exception {
        var repo = commit(work -> work.writeSymlink("environments/staging/tw", "tungsten"));
        var e = assertThrows(RenderException.class, () -> renderer.render(repo, releases(RELEASE), STAGING));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("config:environments/staging/tw", e.problems().get(0).file());
        assertTrue(e.getMessage().contains("config:environments/staging/tw: is a symbolic link; Kustos reads only regular files and folders"
                + " and never follows a link: put the files themselves there (a copy) or remove the link"), e.getMessage());
    }

    @Test
    void anEnvironmentFolderThatIsALinkIsRefused() throws Exception {
        var repo = commit(work -> work.writeSymlink("environments/qa", "staging"));
        var qa = new Target("qa", "qa", null, null, null, false);
        var e = assertThrows(RenderException.class, () -> renderer.render(repo, releases(RELEASE), qa));
        assertEquals("config:environments/qa", e.problems().get(0).file(), e.getMessage());
        assertTrue(e.getMessage().contains("config:environments/qa: is a symbolic link; Kustos reads only regular files and folders"),
                e.getMessage());
        var onlyQa = commitOnly(tmp.resolve("only"), work -> work.writeSymlink("environments/qa", "staging"), "environments/qa/");
        var again = assertThrows(RenderException.class, () -> renderer.render(onlyQa, releases(RELEASE), qa));
        assertTrue(again.getMessage().contains("config:environments/qa: is a symbolic link"), again.getMessage());
    }

    @Test
    void aReleaseEnvironmentFolderThatIsALinkIsRefused() throws Exception {
        var qa = new Target("qa", "qa", null, null, null, false);
        var releases = commitOnly(tmp.resolve("rel"), work -> {
            work.writeFile("environments/staging/release.yaml", RELEASE);
            work.writeSymlink("environments/qa", "staging");
        }, "");
        var config = config(java.util.Map.of("environments/qa/tungsten/config.yaml", CONFIGMAP.replace("namespace: staging", "namespace: qa")));
        var e = assertThrows(RenderException.class, () -> renderer.render(config, releases, qa));
        assertTrue(e.getMessage().contains("releases:environments/qa: is a symbolic link"), e.getMessage());
    }

    @Test
    void anEnvironmentsFolderThatIsALinkIsRefused() throws Exception {
        var config = commitOnly(tmp.resolve("linked"), work -> {
            work.writeFile("envs/staging/tungsten/config.yaml", CONFIGMAP);
            work.writeSymlink("environments", "envs");
        }, "");
        var e = assertThrows(RenderException.class, () -> renderer.render(config, releases(RELEASE), STAGING));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("config:environments", e.problems().get(0).file(), e.getMessage());
        assertTrue(e.getMessage().contains("config:environments: is a symbolic link; Kustos reads only regular files and folders"
                + " and never follows a link: put the files themselves there (a copy) or remove the link"), e.getMessage());
        var releases = commitOnly(tmp.resolve("rel"), work -> {
            work.writeFile("envs/staging/release.yaml", RELEASE);
            work.writeSymlink("environments", "envs");
        }, "");
        var again = assertThrows(RenderException.class, () -> renderer.render(config(java.util.Map.of(
                "environments/staging/tungsten/config.yaml", CONFIGMAP)), releases, STAGING));
        assertTrue(again.getMessage().contains("releases:environments: is a symbolic link"), again.getMessage());
    }

    private interface Change {
        void apply(GitWorkspace work) throws Exception;
    }

    /** A commit of the config fixture (staging's tungsten/config.yaml) plus {@code change}. */
    private RepoSnapshot commit(Change change) throws Exception {
        return commitOnly(tmp.resolve("config"), work -> {
            work.writeFile("environments/staging/tungsten/config.yaml", CONFIGMAP);
            change.apply(work);
        }, "");
    }

    /** The files under {@code folder} of a new commit of {@code change}, read as render reads a commit. */
    private static RepoSnapshot commitOnly(Path dir, Change change, String folder) throws Exception {
        try (var work = GitWorkspace.init(dir, "main")) {
            change.apply(work);
            String sha = work.commitAll("change", "Ada", "ada@example.com");
            try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
                return GitSnapshot.read(repo, new Revision("main", sha), folder);
            }
        }
    }
}
