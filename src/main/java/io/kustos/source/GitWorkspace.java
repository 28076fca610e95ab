package io.kustos.source;

import io.kustos.config.GitAuth;
import io.kustos.config.SourceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A non-bare git repository with a work tree, for writing commits: {@code kustos demo} builds its
 * example repositories with it, tests build fixtures with it, and rollback can write a commit that
 * restores an earlier tree. Not thread-safe. Close it to release the repository.
 */
public final class GitWorkspace implements AutoCloseable {
    /** The source name in messages of a workspace that was not cloned from a named source. */
    private static final String UNNAMED = "workspace";

    static {
        JGitDefaults.apply();
    }

    private final Git git;
    private final Path dir;
    private final String branch;

    private GitWorkspace(Git git, Path dir, String branch) {
        this.git = git;
        this.dir = dir;
        this.branch = branch;
    }

    /**
     * Makes {@code dir} (which may already hold files, none of them committed yet) a git
     * repository whose first commit will be on {@code branch}.
     */
    public static GitWorkspace init(Path dir, String branch) throws IOException {
        Files.createDirectories(dir);
        try {
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).call();
            return new GitWorkspace(git, dir, branch);
        } catch (GitAPIException e) {
            throw new IOException("cannot create a git repository in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Clones {@code branch} of a remote into the new directory {@code dir}. */
    public static GitWorkspace cloneFrom(String url, String branch, GitAuth auth, Path dir) throws SourceException {
        return cloneFrom(UNNAMED, new SourceSpec(url, branch, auth), dir);
    }

    /**
     * Clones the branch of source {@code source} into the new directory {@code dir}, with the
     * source's credentials, host keys and timeout.
     */
    public static GitWorkspace cloneFrom(String source, SourceSpec spec, Path dir) throws SourceException {
        Path sshHome = null;
        try {
            sshHome = Files.createTempDirectory("kustos-ssh-home");
            try (RemoteSession remote = remote(source, spec, sshHome)) {
                Git git = timeLimit(source, spec).run("clone", () -> {
                    try {
                        return Git.cloneRepository().setURI(spec.url()).setBranch(spec.branch()).setDirectory(dir.toFile())
                                .setTransportConfigCallback(remote).setTimeout(remote.timeoutSeconds()).call();
                    } catch (GitAPIException | RuntimeException e) {
                        throw remote.failure("clone", e);
                    }
                });
                return new GitWorkspace(git, dir, spec.branch());
            }
        } catch (IOException e) {
            throw new SourceException("source '" + source + "': cannot clone into " + dir + ": " + e.getMessage(), e);
        } finally {
            if (sshHome != null) {
                sshHome.toFile().delete();
            }
        }
    }

    /**
     * Commits {@code path} back to how it was at {@code oldSha} (see {@link RevertWriter}).
     * @return empty when it already is
     */
    public java.util.Optional<RevertWriter.Revert> revertPath(String path, String oldSha, String title, String authorName,
                                                             String authorEmail) throws IOException {
        return RevertWriter.revert(git, branch, path, oldSha, title, new org.eclipse.jgit.lib.PersonIdent(authorName, authorEmail));
    }

    public Path dir() {
        return dir;
    }

    public String branch() {
        return branch;
    }

    /** Writes a UTF-8 text file, creating its directories. */
    public void writeFile(String relPath, String content) throws IOException {
        Path file = resolve(relPath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Writes a symbolic link pointing at {@code target} (stored by git as mode 120000). */
    public void writeSymlink(String relPath, String target) throws IOException {
        Path link = resolve(relPath);
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(target));
    }

    public void deleteFile(String relPath) throws IOException {
        Files.deleteIfExists(resolve(relPath));
    }

    /**
     * Stages every change of the work tree (new, modified and deleted files) and commits it,
     * with the given person as author and committer. An empty commit is allowed.
     *
     * @return the new commit's sha
     */
    public String commitAll(String message, String authorName, String authorEmail) throws IOException {
        try {
            git.add().addFilepattern(".").setAll(true).call();
            var person = new PersonIdent(authorName, authorEmail);
            RevCommit commit = git.commit().setMessage(message).setAuthor(person).setCommitter(person)
                    .setAllowEmpty(true).setSign(false).call();
            return commit.name();
        } catch (GitAPIException e) {
            throw new IOException("cannot commit in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes the work tree hold exactly the files of commit {@code sha} (for a rollback: follow it
     * with {@link #commitAll}). History is not rewritten.
     */
    public void restoreFiles(String sha) throws IOException {
        try (TreeWalk index = new TreeWalk(git.getRepository())) {
            index.addTree(new org.eclipse.jgit.dircache.DirCacheIterator(git.getRepository().readDirCache()));
            index.setRecursive(true);
            while (index.next()) {
                Files.deleteIfExists(resolve(index.getPathString()));
            }
        }
        try {
            git.checkout().setStartPoint(sha).setAllPaths(true).call();
        } catch (GitAPIException e) {
            throw new IOException("cannot restore the files of " + sha + ": " + e.getMessage(), e);
        }
    }

    /** Pushes the branch to {@code url} (fast-forward only), authenticating with {@code auth}. */
    public void push(String url, GitAuth auth) throws SourceException {
        push(UNNAMED, new SourceSpec(url, branch, auth));
    }

    /**
     * Pushes the branch to the remote of source {@code source} (fast-forward only), with the
     * source's credentials, host keys and timeout.
     */
    /**
     * Refuses, before anything is pushed, a push that git would refuse: to the checked-out branch
     * of a working repository on this machine ({@link CheckedOutBranch}).
     */
    public void checkPushable(String source, SourceSpec spec) {
        CheckedOutBranch.refusePush(source, spec.url(), branch);
    }

    public void push(String source, SourceSpec spec) throws SourceException {
        checkPushable(source, spec);
        String ref = "refs/heads/" + branch;
        Iterable<PushResult> results;
        try (RemoteSession remote = remote(source, spec, git.getRepository().getDirectory().toPath().resolve("ssh-home"))) {
            results = timeLimit(source, spec).run("push", () -> {
                try {
                    return git.push().setRemote(spec.url()).setRefSpecs(new RefSpec(ref + ":" + ref))
                            .setTransportConfigCallback(remote).setTimeout(remote.timeoutSeconds()).call();
                } catch (GitAPIException | RuntimeException e) {
                    throw remote.failure("push", e);
                }
            });
        } catch (IOException e) {
            throw new SourceException("source '" + source + "': cannot push: " + e.getMessage(), e);
        }
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                var status = update.getStatus();
                if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.UP_TO_DATE) {
                    throw new SourceException("source '" + source + "': push of " + ref + " to " + Redactor.url(spec.url())
                            + " was refused: " + status, null);
                }
            }
        }
    }

    @Override
    public void close() {
        git.close();
    }

    private static RemoteSession remote(String source, SourceSpec spec, Path sshHome) throws SourceException {
        try {
            Files.createDirectories(sshHome);
        } catch (IOException e) {
            throw new SourceException("source '" + source + "': cannot create " + sshHome, e);
        }
        return RemoteSession.open(source, spec, spec.timeout(), sshHome, new UncheckedHostKeys(source));
    }

    private static GitTimeLimit timeLimit(String source, SourceSpec spec) {
        return new GitTimeLimit(source, spec.url(), spec.timeout());
    }

    private Path resolve(String relPath) {
        Path file = dir.resolve(relPath).normalize();
        if (!file.startsWith(dir.normalize())) {
            throw new IllegalArgumentException("path leaves the workspace: " + relPath);
        }
        return file;
    }
}
