package io.kustos.source;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Refuses a push to the checked-out branch of a working repository on this machine (a
 * {@code file://} URL or a path), as git does ({@code receive.denyCurrentBranch}): the push would
 * move the branch under its work tree, and the next {@code git commit -a} there would quietly undo
 * what was pushed. JGit's local transport does not check it.
 */
final class CheckedOutBranch {
    private CheckedOutBranch() {
    }

    static void refusePush(String source, String url, String branch) throws SourceConfigException {
        Optional<Path> dir = localPath(url);
        if (dir.isEmpty() || !Files.isDirectory(dir.get().resolve(".git"))) {
            return; // remote, or a bare repository
        }
        try (Repository repo = new FileRepositoryBuilder().setWorkTree(dir.get().toFile()).setGitDir(dir.get().resolve(".git").toFile())
                .setMustExist(true).build()) {
            if (branch.equals(repo.getBranch())) {
                throw new SourceConfigException("source '" + source + "': " + dir.get() + " is a working repository with " + branch
                        + " checked out; git refuses a push there (receive.denyCurrentBranch), as its work tree would undo the push."
                        + " Point the source at a bare repository (git clone --bare " + dir.get() + " " + dir.get() + ".git),"
                        + " or use --no-push and commit the rollback in " + dir.get() + " yourself", null);
            }
        } catch (IOException e) {
            // not a repository we can read: the push itself says what is wrong
        }
    }

    private static Optional<Path> localPath(String url) {
        if (url.startsWith("file://")) {
            return Optional.of(Path.of(URI.create(url)));
        }
        if (url.startsWith("/")) {
            return Optional.of(Path.of(url));
        }
        return Optional.empty();
    }
}
