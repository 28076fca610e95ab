package io.kustos.history;

import io.kustos.failure.FailureReason;
import io.kustos.config.KustosConfig;
import io.kustos.config.SourceSpec;
import io.kustos.failure.StallingException;
import io.kustos.source.GitWorkspace;
import io.kustos.source.RewrittenCommitException;
import io.kustos.source.SourceException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code kustos rollback}: rolls an environment back the GitOps way, by writing revert commits
 * to the config and release repos that put the environment's files back as they were at an
 * earlier revision, and pushing them. The daemon then applies them like any other commit, so git
 * stays the truth and nothing fights. If the remote moved meanwhile, the push is refused and
 * nothing changes.
 *
 * <p>The commits are written in work clones under the cache dir, named for the environment. They
 * are deleted once pushed, or when a push is refused; with {@code push=false} they are kept for
 * the user to push ({@link RepoResult#pushCommand()}), until the next rollback of the same
 * environment, which starts from the remote again and deletes them first.
 */
public final class GitRollback {
    /** What was done in one repo: the commit and whether it was pushed, or why nothing was needed. */
    public record RepoResult(String source, String path, String sha, boolean pushed, Path workDir, String branch, List<String> undone) {
        /** The command that pushes a kept (not pushed) revert commit. */
        public String pushCommand() {
            return "git -C " + shellDir() + " push origin HEAD:refs/heads/" + branch;
        }

        /** The work clone's absolute path as one shell word (quoted when it holds anything unusual). */
        public String shellDir() {
            String dir = workDir.toAbsolutePath().toString();
            return dir.matches("[A-Za-z0-9/._+-]+") ? dir : "'" + dir.replace("'", "'\\''") + "'";
        }
    }

    private final KustosConfig config;
    private final String authorName;
    private final String authorEmail;

    public GitRollback(KustosConfig config, String authorName, String authorEmail) {
        this.config = config;
        this.authorName = authorName;
        this.authorEmail = authorEmail;
    }

    /**
     * Both revert commits are prepared first; only then is either pushed. If the second push is
     * refused, the message says which one is already pushed.
     */
    public List<RepoResult> rollBack(String environment, HistoryRecord to, boolean push) {
        String title = "Roll back " + environment + " to revision " + to.number();
        var clones = new WorkClones(config.cacheDir(), environment);
        clones.deleteAll();
        var prepared = new ArrayList<Prepared>();
        var results = new ArrayList<RepoResult>();
        try {
            prepared.add(prepare(clones, "config", config.sources().config(), "environments/" + environment + "/",
                    to.revisions().config().sha(), title));
            prepared.add(prepare(clones, "releases", config.sources().releases(), "environments/" + environment + "/release.yaml",
                    to.revisions().releases().sha(), title));
            if (push) { // a push git would refuse is refused before either is pushed
                prepared.stream().filter(p -> p.result().sha() != null).forEach(p -> p.workspace().checkPushable(p.result().source(), p.spec()));
            }
            String pushedSoFar = null;
            for (Prepared p : prepared) {
                if (push && p.result().sha() != null) {
                    try {
                        p.workspace().push(p.result().source(), p.spec());
                    } catch (SourceException e) {
                        throw new SourceException(p.result().source() + ": " + e.getMessage() + (pushedSoFar == null
                                ? " (nothing was pushed; the work clones are deleted; run kustos rollback again)"
                                : " (" + pushedSoFar + " was already pushed; the work clones are deleted; run kustos rollback again to finish)"), null);
                    }
                    pushedSoFar = p.result().source();
                }
                var r = p.result();
                results.add(new RepoResult(r.source(), r.path(), r.sha(), push && r.sha() != null, r.workDir(), r.branch(), r.undone()));
            }
        } catch (RuntimeException e) {
            prepared.forEach(p -> p.workspace().close());
            try {
                clones.deleteAll();
            } catch (RuntimeException notDeleted) {
                e.addSuppressed(notDeleted);
            }
            throw e;
        }
        prepared.forEach(p -> p.workspace().close());
        clones.deleteAllBut(push ? Set.of() : results.stream().filter(r -> r.sha() != null).map(RepoResult::workDir).collect(Collectors.toSet()));
        return results;
    }

    private record Prepared(GitWorkspace workspace, SourceSpec spec, RepoResult result) {
    }

    private Prepared prepare(WorkClones clones, String name, SourceSpec spec, String path, String sha, String title) {
        Path dir = clones.create(name);
        GitWorkspace ws = GitWorkspace.cloneFrom(name, spec, dir);
        try {
            var revert = ws.revertPath(path, sha, title, authorName, authorEmail);
            if (revert.isEmpty()) {
                return new Prepared(ws, spec, new RepoResult(name, path, null, false, dir, spec.branch(), List.of()));
            }
            var undone = revert.get().undone().stream().map(c -> c.sha().substring(0, 7) + " " + c.subject()).toList();
            return new Prepared(ws, spec, new RepoResult(name, path, revert.get().sha(), false, dir, spec.branch(), undone));
        } catch (RewrittenCommitException e) {
            ws.close();
            throw new StallingException(name + ": cannot roll back to this revision: " + e.getMessage()
                    + "; roll back to a revision whose commits are still on the branch (kustos history lists them)", e.reason(), e);
        } catch (IOException e) {
            ws.close();
            throw new StallingException(name + ": cannot write the revert: " + e.getMessage(), FailureReason.LOCAL_FILES, e);
        }
    }
}
