package io.kustos.source;

import io.kustos.config.SourceSpec;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 18, point 3: a poll that finds a new commit reads only the blobs that commit changed (git's diff of the two
 * trees); every other file is the last poll's, the very same object (not read again), and the snapshot is the one a
 * read of the whole tree gives: files added, changed, deleted, and a file replaced by a folder of the same name.
 */
class APollReadsOnlyTheBlobsThatChangedTest {
    @TempDir
    Path tmp;

    @Test
    void aCommitOfOneKeyReadsOneBlob() throws Exception {
        var files = new HashMap<String, String>();
        for (int env = 0; env < 5; env++) {
            for (int app = 0; app < 20; app++) {
                files.put("environments/e" + env + "/app" + app + "/config.yaml", "key: " + env + "-" + app + "\n");
            }
        }
        files.put("environments/e0/c", "a file, later a folder\n");
        files.put("README.md", "hello\n");
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", files)) {
            var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"));
            RepoSnapshot first = source.poll().snapshot();

            repo.commit("one key", Map.of("environments/e3/app7/config.yaml", "key: changed\n", "environments/e4/new.yaml", "new: 1\n"));
            repo.delete("drop", "environments/e1/app2/config.yaml", "environments/e0/c");
            repo.commit("a folder where a file was", Map.of("environments/e0/c/d.yaml", "d: 1\n"));
            RepoSnapshot second = source.poll().snapshot();

            assertEquals(described(source.snapshot(second.revision().sha())), described(second), "the snapshot a read of the whole tree gives");
            var reread = second.files("").entrySet().stream().filter(e -> first.files("").get(e.getKey()) != e.getValue())
                    .map(Map.Entry::getKey).sorted().toList();
            assertEquals(java.util.List.of("environments/e0/c/d.yaml", "environments/e3/app7/config.yaml", "environments/e4/new.yaml"), reread,
                    "only the files the commits added or changed were read again");
        }
    }

    /**
     * review12b: the previous commit's objects can go between the check that it is there and the read (a gc pruning what a
     * force push left unreachable): the whole tree is read, not a failed poll and a clone made again.
     */
    @Test
    void aPreviousCommitWhoseTreeIsGoneReadsTheWholeTree() throws Exception {
        Path work = tmp.resolve("work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) { // loose objects, no pack
            Files.writeString(work.resolve("a.yaml"), "a: 1\n");
            Files.writeString(work.resolve("b.yaml"), "b: 1\n");
            git.add().addFilepattern(".").call();
            RevCommit first = git.commit().setMessage("a, b").setSign(false).call();
            RepoSnapshot previous = GitSnapshot.read(git.getRepository(), new Revision("main", first.name()));
            Files.writeString(work.resolve("b.yaml"), "b: 2\n");
            git.add().addFilepattern(".").call();
            Revision after = new Revision("main", git.commit().setMessage("b").setSign(false).call().name());
            String tree = first.getTree().name();
            Path loose = work.resolve(".git/objects").resolve(tree.substring(0, 2)).resolve(tree.substring(2));
            assertTrue(Files.deleteIfExists(loose), "the first commit's tree is a loose object: " + loose);

            RepoSnapshot read = GitSnapshot.read(git.getRepository(), after, previous);

            assertEquals(described(GitSnapshot.read(git.getRepository(), after)), described(read));
            assertEquals("b: 2\n", new String(read.files("").get("b.yaml").content(), StandardCharsets.UTF_8));
        }
    }

    /** review12b: a file that becomes a link or executable, and a folder that becomes a file, read as the whole tree does. */
    @Test
    void linksModesAndFoldersBecomingFilesReadAsTheWholeTree() throws Exception {
        Path work = tmp.resolve("kinds");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("link.yaml"), "l: 1\n");
            Files.writeString(work.resolve("run.sh"), "echo\n");
            Files.createDirectories(work.resolve("dir"));
            Files.writeString(work.resolve("dir/x.yaml"), "x: 1\n");
            git.add().addFilepattern(".").call();
            RevCommit first = git.commit().setMessage("files").setSign(false).call();
            RepoSnapshot previous = GitSnapshot.read(git.getRepository(), new Revision("main", first.name()));

            Files.delete(work.resolve("link.yaml"));
            Files.createSymbolicLink(work.resolve("link.yaml"), Path.of("/etc/passwd"));
            Files.setPosixFilePermissions(work.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.delete(work.resolve("dir/x.yaml"));
            Files.delete(work.resolve("dir"));
            Files.writeString(work.resolve("dir"), "a file now\n");
            git.add().addFilepattern(".").call();
            git.rm().addFilepattern("dir/x.yaml").call();
            Revision after = new Revision("main", git.commit().setMessage("kinds").setSign(false).call().name());

            RepoSnapshot read = GitSnapshot.read(git.getRepository(), after, previous);

            assertEquals(described(GitSnapshot.read(git.getRepository(), after)), described(read));
            assertEquals(RepoFile.Type.SYMLINK, read.files("").get("link.yaml").type(), "a link is still refused as a link");
            assertNull(read.files("").get("dir/x.yaml"));
        }
    }

    /** Each file's path, type, size, blob id and bytes (a RepoFile's array is compared by identity). */
    private static Map<String, String> described(RepoSnapshot snapshot) {
        return snapshot.files("").values().stream().collect(Collectors.toMap(RepoFile::path,
                f -> f.type() + " " + f.size() + " " + f.blobId() + " " + Arrays.toString(f.content())));
    }
}
