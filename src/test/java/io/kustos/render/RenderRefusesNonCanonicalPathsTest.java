package io.kustos.render;

import static io.kustos.render.RenderFixtures.CONFIGMAP;
import static io.kustos.render.RenderFixtures.RELEASE;
import static io.kustos.render.RenderFixtures.STAGING;
import static io.kustos.render.RenderFixtures.releases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.decrypt.Decryptor;
import io.kustos.failure.FailureReason;
import io.kustos.source.GitSnapshot;
import io.kustos.source.RepoSnapshot;
import io.kustos.source.Revision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * git refuses to put {@code environments/staging/../web/x.yaml} in its index, but a tree written by
 * hand holds it; read from the object store it seems to be a file of staging. Render refuses it.
 */
class RenderRefusesNonCanonicalPathsTest {
    @TempDir
    Path tmp;

    @Test
    void aDotDotTreeEntryIsRefusedNamingThePath() throws Exception {
        RepoSnapshot config = commitWithDotDot();
        assertTrue(config.files("environments/staging/").containsKey("environments/staging/../web/x.yaml"),
                "the hand-written tree is read as a staging file: " + config.files(""));

        var e = assertThrows(RenderException.class,
                () -> new Renderer(Decryptor.NONE).render(config, releases(RELEASE), STAGING));

        assertEquals(FailureReason.INVALID_INPUT, e.reason());
        assertTrue(e.getMessage().contains("config:environments/staging/../web/x.yaml: is not a canonical path"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"environments/staging/./a/x.yaml", "environments/staging//a/x.yaml", "environments/staging/a\\..\\x.yaml",
            "environments/staging/a/x\n.yaml", "environments/staging/a/.."})
    void otherNonCanonicalPathsAreRefused(String path) {
        assertTrue(CanonicalPath.problem(path).isPresent(), path);
    }

    @Test
    void aPathWithANewlineIsShownEscaped() {
        var files = new java.util.HashMap<>(java.util.Map.of("environments/staging/tungsten/config.yaml", CONFIGMAP,
                "environments/staging/tungsten/x\nINFO forged.yaml", CONFIGMAP));
        var e = assertThrows(RenderException.class,
                () -> new Renderer(Decryptor.NONE).render(RenderFixtures.config(files), releases(RELEASE), STAGING));
        assertTrue(e.getMessage().contains("config:environments/staging/tungsten/x\\nINFO forged.yaml: is not a canonical path"), e.getMessage());
    }

    @Test
    void canonicalPathsPass() {
        assertEquals(Optional.empty(), CanonicalPath.problem("environments/staging/tungsten/.hidden..yaml"));
    }

    /** A commit whose tree is environments/staging/{tungsten/config.yaml, ../web/x.yaml}, written with TreeFormatter. */
    private RepoSnapshot commitWithDotDot() throws Exception {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(tmp.resolve("hand.git").toFile()).build();
                ObjectInserter inserter = repo.newObjectInserter()) {
            repo.create(true);
            ObjectId cm = inserter.insert(Constants.OBJ_BLOB, CONFIGMAP.getBytes(StandardCharsets.UTF_8));
            ObjectId other = inserter.insert(Constants.OBJ_BLOB,
                    CONFIGMAP.replace("tungsten-config", "web-config").getBytes(StandardCharsets.UTF_8));
            ObjectId tungsten = tree(inserter, "config.yaml", FileMode.REGULAR_FILE, cm);
            ObjectId web = tree(inserter, "x.yaml", FileMode.REGULAR_FILE, other);
            ObjectId dotdot = tree(inserter, "web", FileMode.TREE, web);
            var staging = new TreeFormatter();
            staging.append("..", FileMode.TREE, dotdot);
            staging.append("tungsten", FileMode.TREE, tungsten);
            ObjectId stagingId = inserter.insert(staging);
            ObjectId environments = tree(inserter, "staging", FileMode.TREE, stagingId);
            ObjectId root = tree(inserter, "environments", FileMode.TREE, environments);
            var commit = new CommitBuilder();
            commit.setTreeId(root);
            var person = new PersonIdent("Test", "t@example.com");
            commit.setAuthor(person);
            commit.setCommitter(person);
            commit.setMessage("hand-written tree\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return GitSnapshot.read(repo, new Revision("main", id.name()));
        }
    }

    private static ObjectId tree(ObjectInserter inserter, String name, FileMode mode, ObjectId id) throws Exception {
        var t = new TreeFormatter();
        t.append(name, mode, id);
        return inserter.insert(t);
    }
}
