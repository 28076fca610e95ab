package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.config.GitAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A work-tree repository that writes commits, restores old trees and pushes. */
class GitWorkspaceTest {
    @TempDir
    Path tmp;

    @Test
    void initCommitsTheFilesAlreadyInTheDirectory() throws Exception {
        Path dir = tmp.resolve("example");
        Files.createDirectories(dir.resolve("environments/staging"));
        Files.writeString(dir.resolve("environments/staging/app.yaml"), "kind: ConfigMap\n");

        try (var work = GitWorkspace.init(dir, "main")) {
            String sha = work.commitAll("initial", "Ada", "ada@example.com");

            RepoSnapshot snapshot = read(dir.resolve(".git"), "main", sha);
            assertEquals(List.of("environments/staging/app.yaml"), List.copyOf(snapshot.files("").keySet()));
            assertEquals("Ada <ada@example.com>", snapshot.head().author());
            assertEquals("initial", snapshot.head().subject());
        }
    }

    @Test
    void deleteAndRestoreWriteNewCommits() throws Exception {
        try (var work = GitWorkspace.init(tmp.resolve("w"), "main")) {
            work.writeFile("a.yaml", "a: 1\n");
            String first = work.commitAll("one", "Ada", "ada@example.com");
            work.writeFile("a.yaml", "a: 2\n");
            work.writeFile("b.yaml", "b: 1\n");
            work.commitAll("two", "Ada", "ada@example.com");
            work.deleteFile("b.yaml");
            String third = work.commitAll("three", "Ada", "ada@example.com");
            assertEquals(List.of("a.yaml"), List.copyOf(read(work.dir().resolve(".git"), "main", third).files("").keySet()));

            work.writeFile("c.yaml", "c: 1\n");
            work.commitAll("four", "Ada", "ada@example.com");
            work.restoreFiles(first);
            String reverted = work.commitAll("roll back to " + first, "Kustos", "kustos@example.com");

            RepoSnapshot snapshot = read(work.dir().resolve(".git"), "main", reverted);
            assertNotEquals(first, reverted);
            assertEquals(List.of("a.yaml"), List.copyOf(snapshot.files("").keySet()));
            assertEquals("a: 1\n", new String(snapshot.files("").get("a.yaml").content()));
        }
    }

    /** As git (receive.denyCurrentBranch): a push there would leave the work tree undoing it. Pushed before. */
    @Test
    void refusesToPushToTheCheckedOutBranchOfAWorkingRepository() throws Exception {
        try (var remote = GitWorkspace.init(tmp.resolve("releases"), "main")) {
            remote.writeFile("a.yaml", "a: 1\n");
            String before = remote.commitAll("one", "Ada", "ada@example.com");
            for (String url : List.of(remote.dir().toUri().toString(), remote.dir().toString())) {
                try (var clone = GitWorkspace.cloneFrom(url, "main", GitAuth.NONE, tmp.resolve("clone-" + url.length()))) {
                    clone.writeFile("a.yaml", "a: 2\n");
                    clone.commitAll("two", "Ada", "ada@example.com");
                    var e = assertThrows(SourceConfigException.class, () -> clone.push(url, GitAuth.NONE));
                    assertTrue(e.getMessage().contains(remote.dir() + " is a working repository with main checked out"), e.getMessage());
                    assertTrue(e.getMessage().contains("git clone --bare"), e.getMessage());
                }
            }
            try (Repository repo = new FileRepositoryBuilder().setGitDir(remote.dir().resolve(".git").toFile()).build()) {
                assertEquals(before, repo.resolve("refs/heads/main").name(), "the branch did not move");
            }
        }
    }

    @Test
    void pushesToABareRepository() throws Exception {
        Path bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        try (var work = GitWorkspace.init(tmp.resolve("w"), "main")) {
            work.writeFile("a.yaml", "a: 1\n");
            String sha = work.commitAll("one", "Ada", "ada@example.com");

            work.push(bare.toUri().toString(), GitAuth.NONE);

            assertEquals("a: 1\n", new String(read(bare, "main", sha).files("").get("a.yaml").content()));
            try (var clone = GitWorkspace.cloneFrom(bare.toUri().toString(), "main", GitAuth.NONE, tmp.resolve("clone"))) {
                assertTrue(Files.exists(clone.dir().resolve("a.yaml")));
            }
        }
    }

    @Test
    void pathsMayNotLeaveTheWorkspace() throws Exception {
        try (var work = GitWorkspace.init(tmp.resolve("w"), "main")) {
            assertThrows(IllegalArgumentException.class, () -> work.writeFile("../outside.yaml", "x"));
            assertFalse(Files.exists(tmp.resolve("outside.yaml")));
        }
    }

    static RepoSnapshot read(Path gitDir, String branch, String sha) throws Exception {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build()) {
            return GitSnapshot.read(repo, new Revision(branch, sha));
        }
    }
}
