package io.kustos.source;

import java.io.IOException;
import java.util.TreeMap;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The files of one commit, read from git's object store with a {@link TreeWalk} (never from a
 * work tree): a symlink is reported as a symlink and never followed, a submodule as a submodule.
 * Everything is read once, into a {@link MemorySnapshot}, so it outlives the repository handle.
 */
public final class GitSnapshot {
    private GitSnapshot() {
    }

    /**
     * Reads the tree of {@code revision.sha()} from {@code repo}.
     *
     * @throws org.eclipse.jgit.errors.MissingObjectException if the commit is not in the repository
     */
    public static RepoSnapshot read(Repository repo, Revision revision) throws IOException {
        return read(repo, revision, "");
    }

    /**
     * Reads only the files under the folder {@code folder} (e.g. {@code environments/staging/}) of
     * {@code revision.sha()}; {@code ""} reads every file.
     */
    public static RepoSnapshot read(Repository repo, Revision revision, String folder) throws IOException {
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(revision.sha()));
            var files = new TreeMap<String, RepoFile>();
            try (TreeWalk tree = new TreeWalk(repo, reader)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                String path = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
                if (!path.isEmpty()) {
                    tree.setFilter(PathFilter.create(path));
                }
                while (tree.next()) {
                    RepoFile file = file(reader, tree);
                    files.put(file.path(), file);
                }
            }
            return new MemorySnapshot(revision, commitInfo(commit), files);
        }
    }

    /**
     * Reads the tree of {@code revision.sha()} as {@link #read(Repository, Revision)} does, but only the blobs that differ
     * from {@code previous}, a snapshot of the whole tree of another commit of {@code repo}: git's diff of the two trees
     * (equal subtrees skipped by their ids) names the files added, changed (content or type) or deleted, and every other
     * file is {@code previous}'s, the same bytes by their blob id. A commit changing one file reads one blob, not the repo.
     * Without {@code previous}, or when its objects are not in {@code repo} (a clone made again, a gc after a force push),
     * the whole tree is read.
     */
    public static RepoSnapshot read(Repository repo, Revision revision, RepoSnapshot previous) throws IOException {
        if (previous == null || !repo.getObjectDatabase().has(ObjectId.fromString(previous.revision().sha()))) {
            return read(repo, revision);
        }
        try {
            return readChanges(repo, revision, previous);
        } catch (MissingObjectException e) {
            // the previous commit's objects went after the check (a gc pruning what a force push left unreachable):
            // the whole tree, which needs none of them (and throws again if the new commit's own are missing)
            return read(repo, revision);
        }
    }

    private static RepoSnapshot readChanges(Repository repo, Revision revision, RepoSnapshot previous) throws IOException {
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(revision.sha()));
            RevCommit before = walk.parseCommit(ObjectId.fromString(previous.revision().sha()));
            var files = new TreeMap<>(previous.files(""));
            try (TreeWalk tree = new TreeWalk(repo, reader)) {
                tree.addTree(before.getTree());
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                tree.setFilter(TreeFilter.ANY_DIFF);
                while (tree.next()) {
                    if (tree.getRawMode(1) == FileMode.MISSING.getBits()) {
                        files.remove(tree.getPathString());
                    } else {
                        RepoFile file = file(reader, tree, 1);
                        files.put(file.path(), file);
                    }
                }
            }
            return new MemorySnapshot(revision, commitInfo(commit), files);
        }
    }

    private static RepoFile file(ObjectReader reader, TreeWalk tree) throws IOException {
        return file(reader, tree, 0);
    }

    /** The file at {@code tree}'s current path in its tree number {@code nth}. */
    private static RepoFile file(ObjectReader reader, TreeWalk tree, int nth) throws IOException {
        String path = tree.getPathString();
        int mode = tree.getRawMode(nth);
        ObjectId id = tree.getObjectId(nth);
        if (FileMode.GITLINK.equals(mode)) {
            return new RepoFile(path, RepoFile.Type.SUBMODULE, 0, null);
        }
        long size = reader.getObjectSize(id, Constants.OBJ_BLOB);
        if (FileMode.SYMLINK.equals(mode)) {
            return new RepoFile(path, RepoFile.Type.SYMLINK, size, null);
        }
        byte[] content = size <= RepoSnapshot.MAX_FILE_BYTES ? reader.open(id, Constants.OBJ_BLOB).getBytes() : null;
        return new RepoFile(path, RepoFile.Type.REGULAR, size, content, content == null ? null : id.name());
    }

    static CommitInfo commitInfo(RevCommit commit) {
        var author = commit.getAuthorIdent();
        String message = commit.getFullMessage();
        int eol = message.indexOf('\n');
        String subject = (eol < 0 ? message : message.substring(0, eol)).strip();
        return new CommitInfo(commit.name(), author.getName(), author.getEmailAddress(),
                author.getWhenAsInstant(), subject);
    }
}
