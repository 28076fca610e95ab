package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.config.SourceSpec;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are read from the object store: symlinks, submodules and oversize files are reported as such. */
class GitSnapshotTest {
    @TempDir
    Path tmp;
    TestRepo repo;

    @BeforeEach
    void setUp() {
        repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("env/a.yaml", "a: 1\n"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    RepoSnapshot poll() throws Exception {
        return new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache")).poll().snapshot();
    }

    @Test
    void symlinkIsASymlinkAndNotFollowed() throws Exception {
        repo.workspace().writeSymlink("env/link.yaml", "a.yaml");
        repo.workspace().writeSymlink("env/escape.yaml", "../../outside-the-repo");
        repo.commit("links");

        var files = poll().files("env/");

        assertEquals(RepoFile.Type.SYMLINK, files.get("env/link.yaml").type());
        assertNull(files.get("env/link.yaml").content());
        assertEquals("a.yaml".length(), files.get("env/link.yaml").size());
        assertEquals(RepoFile.Type.SYMLINK, files.get("env/escape.yaml").type());
        assertFalse(files.get("env/escape.yaml").readable());
        assertTrue(files.get("env/a.yaml").readable());
    }

    @Test
    void fileOverTheLimitHasSizeButNoContent() throws Exception {
        byte[] big = new byte[(int) RepoSnapshot.MAX_FILE_BYTES + 1];
        Files.write(repo.workspace().dir().resolve("big.bin"), big);
        byte[] limit = new byte[(int) RepoSnapshot.MAX_FILE_BYTES];
        Files.write(repo.workspace().dir().resolve("limit.bin"), limit);
        repo.commit("big files");

        var files = poll().files("");

        assertEquals(RepoFile.Type.REGULAR, files.get("big.bin").type());
        assertEquals(RepoSnapshot.MAX_FILE_BYTES + 1, files.get("big.bin").size());
        assertNull(files.get("big.bin").content());
        assertEquals(RepoSnapshot.MAX_FILE_BYTES, files.get("limit.bin").content().length);
    }

    @Test
    void executableFileIsRegular() throws Exception {
        repo.workspace().writeFile("hooks/run.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(repo.workspace().dir().resolve("hooks/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        repo.commit("script");

        RepoFile file = poll().files("hooks/").get("hooks/run.sh");

        assertEquals(RepoFile.Type.REGULAR, file.type());
        assertEquals("#!/bin/sh\n", new String(file.content()));
    }

    @Test
    void submoduleIsASubmodule() throws Exception {
        String sha = commitGitlink("vendor/lib", ObjectId.fromString("1234567890123456789012345678901234567890"));

        RepoSnapshot snapshot = poll();

        assertEquals(sha, snapshot.revision().sha());
        RepoFile lib = snapshot.files("vendor/").get("vendor/lib");
        assertEquals(RepoFile.Type.SUBMODULE, lib.type());
        assertNull(lib.content());
    }

    @Test
    void headCommitFactsComeFromTheCommit() throws Exception {
        Instant before = Instant.now().minus(Duration.ofSeconds(2));
        String sha = repo.commit("Bump tungsten to 2.3.1\n\nLonger body\nover lines", Map.of("env/a.yaml", "a: 2\n"));

        CommitInfo head = poll().head();

        assertEquals(sha, head.sha());
        assertEquals("Bump tungsten to 2.3.1", head.subject());
        assertEquals(TestRepo.AUTHOR + " <" + TestRepo.EMAIL + ">", head.author());
        assertTrue(!head.time().isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), head.time().toString());
    }

    @Test
    void filesByPrefixAreSortedByPath() throws Exception {
        repo.commit("more", Map.of("env/c.yaml", "c\n", "env/b.yaml", "b\n", "other/x.yaml", "x\n"));

        var snapshot = poll();

        assertEquals(List.of("env/a.yaml", "env/b.yaml", "env/c.yaml"), List.copyOf(snapshot.files("env/").keySet()));
        assertEquals(4, snapshot.files("").size());
    }

    /** Writes, straight into the bare repository, a commit that adds a gitlink (git submodule entry). */
    private String commitGitlink(String path, ObjectId target) throws Exception {
        try (Repository bare = new FileRepositoryBuilder().setGitDir(repo.bareDir().toFile()).build();
                ObjectInserter inserter = bare.newObjectInserter();
                RevWalk walk = new RevWalk(bare)) {
            var parent = walk.parseCommit(bare.resolve("refs/heads/main"));
            DirCache index = DirCache.newInCore();
            var builder = index.builder();
            builder.addTree(new byte[0], 0, bare.newObjectReader(), parent.getTree());
            var entry = new DirCacheEntry(path);
            entry.setFileMode(FileMode.GITLINK);
            entry.setObjectId(target);
            builder.add(entry);
            builder.finish();
            var commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentId(parent);
            var person = new PersonIdent("Test", "t@example.com");
            commit.setAuthor(person);
            commit.setCommitter(person);
            commit.setMessage("add submodule\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = bare.updateRef("refs/heads/main");
            update.setNewObjectId(id);
            update.setExpectedOldObjectId(parent);
            assertEquals(RefUpdate.Result.FAST_FORWARD, update.update());
            return id.name();
        }
    }
}
