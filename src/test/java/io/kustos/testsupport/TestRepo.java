package io.kustos.testsupport;

import io.kustos.bench.GitHttpServer;
import io.kustos.config.GitAuth;
import io.kustos.source.GitWorkspace;
import io.kustos.source.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A bare repository made by {@link TestRepos}, with a work clone beside it. Every {@code commit}
 * writes into the work clone, commits and pushes to the bare repository, and returns the new sha.
 * Serve {@link #bareDir()}'s parent with {@link GitHttpServer} or {@link GitSshServer}, or use
 * {@link #fileUrl()} directly.
 */
public final class TestRepo implements AutoCloseable {
    public static final String AUTHOR = "Test Author";
    public static final String EMAIL = "author@example.com";

    private final String name;
    private final Path bareDir;
    private final GitWorkspace work;
    private String head;

    TestRepo(String name, Path bareDir, GitWorkspace work) {
        this.name = name;
        this.bareDir = bareDir;
        this.work = work;
    }

    /** The repository's file name under its root, e.g. {@code config.git}: pass it to a server's url(). */
    public String name() {
        return name;
    }

    public Path bareDir() {
        return bareDir;
    }

    /** {@code file:///…/config.git} */
    public String fileUrl() {
        return bareDir.toUri().toString();
    }

    /** The branch, always {@code main}. */
    public String branch() {
        return work.branch();
    }

    /** The sha of the branch head in the bare repository. */
    public String head() {
        return head;
    }

    /** The work clone, to write symlinks or other changes; then call {@link #commit(String)}. */
    public GitWorkspace workspace() {
        return work;
    }

    /** Writes the text files (path to content), commits, pushes; returns the new head. */
    public String commit(String message, Map<String, String> files) {
        try {
            for (var file : files.entrySet()) {
                work.writeFile(file.getKey(), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return commit(message);
    }

    /** Deletes the files, commits, pushes; returns the new head. */
    public String delete(String message, String... paths) {
        try {
            for (String path : paths) {
                work.deleteFile(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return commit(message);
    }

    /** Commits whatever the work clone holds now (an empty commit if nothing changed) and pushes. */
    public String commit(String message) {
        try {
            String sha = work.commitAll(message, AUTHOR, EMAIL);
            work.push(fileUrl(), GitAuth.NONE);
            head = sha;
            return sha;
        } catch (IOException | SourceException e) {
            throw new IllegalStateException("cannot commit to test repo " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites the branch as {@code git push --force} does: a new commit on top of {@code base} (an
     * earlier head), with {@code base}'s files, becomes the head of the bare repository, and every
     * commit after {@code base} is no longer on the branch. Returns the new head. The work clone is
     * left behind: commit no more through this repo afterwards.
     */
    public String forcePush(String base, String message) {
        try (Repository bare = new FileRepositoryBuilder().setGitDir(bareDir.toFile()).setMustExist(true).build();
             ObjectInserter inserter = bare.newObjectInserter(); RevWalk walk = new RevWalk(bare)) {
            RevCommit parent = walk.parseCommit(ObjectId.fromString(base));
            var commit = new CommitBuilder();
            commit.setTreeId(parent.getTree());
            commit.setParentId(parent);
            var author = new PersonIdent(AUTHOR, EMAIL);
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = bare.updateRef("refs/heads/" + branch());
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.FORCED) {
                throw new IllegalStateException("cannot force-push " + name + ": " + result);
            }
            head = id.name();
            return head;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        work.close();
    }
}
