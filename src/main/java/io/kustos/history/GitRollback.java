package io.kustos.history;

import io.kustos.config.KustosConfig;
import io.kustos.config.SourceSpec;
import io.kustos.reconcile.StallingException;
import io.kustos.source.GitWorkspace;
import io.kustos.source.Revision;
import io.kustos.source.SourceException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kustos rollback}: rolls an environment back the GitOps way, by writing revert commits
 * to the config and release repos that put the environment's files back as they were at an
 * earlier revision, and pushing them. The daemon then applies them like any other commit, so git
 * stays the truth and nothing fights. If the remote moved meanwhile, the push is refused and
 * nothing changes.
 */
public final class GitRollback {
    /** What was done in one repo: the commit and whether it was pushed, or why nothing was needed. */
    public record RepoResult(String source, String path, String sha, boolean pushed, Path workDir, List<String> undone) {
    }

    private final KustosConfig config;
    private final String authorName;
    private final String authorEmail;

    public GitRollback(KustosConfig config, String authorName, String authorEmail) {
        this.config = config;
        this.authorName = authorName;
        this.authorEmail = authorEmail;
    }

    public List<RepoResult> rollBack(String environment, HistoryRecord to, boolean push) {
        String title = "Roll back " + environment + " to revision " + to.number();
        var results = new ArrayList<RepoResult>();
        results.add(one("config", config.sources().config(), "environments/" + environment + "/",
                Revision.parse(to.config()).sha(), title, push));
        results.add(one("releases", config.sources().releases(), "environments/" + environment + "/release.yaml",
                Revision.parse(to.releases()).sha(), title, push));
        return results;
    }

    private RepoResult one(String name, SourceSpec spec, String path, String sha, String title, boolean push) {
        Path dir;
        try {
            Files.createDirectories(config.cacheDir());
            dir = Files.createTempDirectory(config.cacheDir(), "rollback-" + name + "-");
        } catch (IOException e) {
            throw new StallingException("cannot create a work folder under " + config.cacheDir() + ": " + e.getMessage(), e);
        }
        try (var ws = GitWorkspace.cloneFrom(spec.url(), spec.branch(), spec.auth(), dir)) {
            var revert = ws.revertPath(path, sha, title, authorName, authorEmail);
            if (revert.isEmpty()) {
                return new RepoResult(name, path, null, false, dir, List.of());
            }
            if (push) {
                ws.push(spec.url(), spec.auth());
            }
            var undone = revert.get().undone().stream().map(c -> c.sha().substring(0, 7) + " " + c.subject()).toList();
            return new RepoResult(name, path, revert.get().sha(), push, dir, undone);
        } catch (IOException e) {
            throw new StallingException(name + ": cannot write the revert: " + e.getMessage(), e);
        } catch (SourceException e) {
            throw new SourceException(name + ": " + e.getMessage() + (push ? " (nothing was pushed; run kustos rollback again)" : ""), null);
        }
    }
}
