package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.kustos.config.SourceSpec;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file read from git carries the blob id its tree names (what the renderer keeps files by), and a
 * file read elsewhere (a work tree, a test) the id git would give its bytes: the same file, the same id.
 */
class FilesCarryGitsBlobIdTest {
    @TempDir
    Path tmp;

    @Test
    void aFileReadFromGitHasTheIdGitGivesItsBytes() throws Exception {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("env/a.yaml", "hello\n", "env/b.yaml", "b: 1\n"))) {
            var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"));
            var files = source.poll().snapshot().files("env/");

            assertEquals("ce013625030ba8dba906f756967f9e9ca394464a", files.get("env/a.yaml").blobId(), "git hash-object of \"hello\\n\"");
            assertEquals(RepoFile.blobIdOf("b: 1\n".getBytes(StandardCharsets.UTF_8)), files.get("env/b.yaml").blobId());
            var same = new RepoFile("env/a.yaml", RepoFile.Type.REGULAR, 6, "hello\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(files.get("env/a.yaml").blobId(), same.blobId());
            assertNotEquals(files.get("env/a.yaml").blobId(), files.get("env/b.yaml").blobId());
        }
    }
}
