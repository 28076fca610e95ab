package io.kustos.source;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Writes the commit that reverts one path (an environment's folder, or its release manifest) to
 * how it was at an older commit, undoing every later commit to that path and nothing else. The
 * message names the target revision and lists what it undoes, so {@code git log} tells the story.
 */
public final class RevertWriter {
    /** A written commit, and the commits to the path that it undoes (newest first). */
    public record Revert(String sha, List<CommitInfo> undone, String message) {
    }

    private RevertWriter() {
    }

    /**
     * @param path   a folder ending in '/' or a file, from the repository root
     * @param title  the commit subject, e.g. {@code Roll back staging to revision 3}
     * @return empty when the path is already as it was at {@code oldSha}
     * @throws RewrittenCommitException {@code oldSha} is not in the clone: no longer on the branch
     */
    public static Optional<Revert> revert(Git git, String branch, String path, String oldSha, String title,
                                          PersonIdent author) throws IOException {
        Repository repo = git.getRepository();
        try (ObjectInserter ins = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
            ObjectId headId = repo.resolve("refs/heads/" + branch);
            RevCommit head = walk.parseCommit(headId);
            ObjectId oldId = ObjectId.fromString(oldSha);
            if (!repo.getObjectDatabase().has(oldId)) {
                throw new RewrittenCommitException(branch, oldSha);
            }
            RevCommit old = walk.parseCommit(oldId);
            Predicate<String> under = p -> path.endsWith("/") ? p.startsWith(path) : p.equals(path);
            DirCache cache = DirCache.newInCore();
            DirCacheBuilder builder = cache.builder();
            addTree(repo, builder, head.getTree(), under.negate());
            addTree(repo, builder, old.getTree(), under);
            builder.finish();
            ObjectId tree = cache.writeTree(ins);
            if (tree.equals(head.getTree())) {
                return Optional.empty();
            }
            List<CommitInfo> undone = undone(repo, head, old, path);
            var message = new StringBuilder(title).append("\n\nPuts ").append(path).append(" back as it was at ")
                    .append(old.name(), 0, 7).append(" (").append(GitSnapshot.commitInfo(old).subject()).append("), undoing:\n");
            undone.forEach(c -> message.append("  ").append(c.sha(), 0, 7).append(' ').append(c.subject())
                    .append(" (").append(c.authorName()).append(")\n"));
            var commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(head);
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage(message.toString());
            ObjectId id = ins.insert(commit);
            ins.flush();
            RefUpdate update = repo.updateRef("refs/heads/" + branch);
            update.setNewObjectId(id);
            update.setExpectedOldObjectId(head);
            var result = update.update();
            if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NEW) {
                throw new IOException("cannot move " + branch + " to the revert commit: " + result);
            }
            try {
                git.reset().setMode(ResetCommand.ResetType.HARD).call();
            } catch (GitAPIException e) {
                throw new IOException("cannot update the work tree: " + e.getMessage(), e);
            }
            return Optional.of(new Revert(id.name(), undone, message.toString()));
        }
    }

    private static void addTree(Repository repo, DirCacheBuilder builder, RevTree tree, Predicate<String> keep) throws IOException {
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                if (keep.test(walk.getPathString())) {
                    var entry = new DirCacheEntry(walk.getPathString());
                    entry.setFileMode(walk.getFileMode(0));
                    entry.setObjectId(walk.getObjectId(0));
                    builder.add(entry);
                }
            }
        }
    }

    private static List<CommitInfo> undone(Repository repo, RevCommit head, RevCommit old, String path) throws IOException {
        var out = new ArrayList<CommitInfo>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(head));
            walk.markUninteresting(walk.parseCommit(old));
            walk.setTreeFilter(org.eclipse.jgit.treewalk.filter.AndTreeFilter.create(
                    PathFilter.create(path.endsWith("/") ? path.substring(0, path.length() - 1) : path),
                    org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF));
            for (RevCommit c : walk) {
                out.add(GitSnapshot.commitInfo(c));
            }
        }
        return out;
    }
}
