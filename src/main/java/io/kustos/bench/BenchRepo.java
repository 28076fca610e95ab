package io.kustos.bench;

import io.kustos.config.GitAuth;
import io.kustos.source.GitWorkspace;
import io.kustos.source.SourceException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bare repository {@code <root>/<name>.git} (served by {@link GitHttpServer}) with a work clone
 * beside it: every {@link #commit} writes files into the clone, commits and pushes.
 */
public final class BenchRepo implements AutoCloseable {
    private final String name;
    private final Path bare;
    private final GitWorkspace work;

    private BenchRepo(String name, Path bare, GitWorkspace work) {
        this.name = name;
        this.bare = bare;
        this.work = work;
    }

    public static BenchRepo create(Path root, String name) {
        Path bare = root.resolve(name + ".git");
        try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call()) {
            // JGit repacks after receiving past 50 packs; without this it keeps every replaced pack an hour (a soak pushes ~1,000)
            git.getRepository().getConfig().setString("gc", null, "prunePackExpire", "now");
            git.getRepository().getConfig().save();
            return new BenchRepo(name + ".git", bare, GitWorkspace.init(root.resolveSibling(root.getFileName() + "-work").resolve(name), "main"));
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot create repo " + bare + ": " + e.getMessage(), e);
        }
    }

    /** The file name under the served root, e.g. {@code config.git}. */
    public String name() {
        return name;
    }

    /** Writes the files (path to content), commits, pushes; @return the new head */
    public String commit(String message, Map<String, String> files) {
        try {
            for (var f : files.entrySet()) {
                work.writeFile(f.getKey(), f.getValue());
            }
            String sha = work.commitAll(message, "Bench Author", "bench@example.com");
            work.push(bare.toUri().toString(), GitAuth.NONE);
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SourceException e) {
            throw new IllegalStateException("cannot push to " + bare + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the files, commits, pushes; @return the new head */
    public String delete(String message, List<String> paths) {
        try {
            for (String p : paths) {
                work.deleteFile(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return commit(message, Map.of());
    }

    /** The head of the work clone (the last commit pushed or restored). */
    public String head() {
        try (Git git = Git.open(work.dir().toFile())) {
            return git.getRepository().resolve("HEAD").name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code git revert} of {@code sha} on top of the head, pushed. Empty when it does not apply
     * cleanly (a later commit changed the same lines): the work tree is put back to the head.
     */
    public Optional<String> revert(String sha) {
        try (Git git = Git.open(work.dir().toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            String before = head();
            RevCommit reverted = git.revert().include(walk.parseCommit(ObjectId.fromString(sha))).call();
            if (reverted == null || git.getRepository().resolve("HEAD").name().equals(before)) {
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(before).call();
                return Optional.empty();
            }
            work.push(bare.toUri().toString(), GitAuth.NONE);
            return Optional.of(reverted.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException | SourceException e) {
            throw new IllegalStateException("cannot revert " + sha + " in " + bare + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites the branch: drops its last commit, commits {@code files} on the commit before it
     * instead and force-pushes that. Empty when the head has no parent (nothing to rewrite).
     */
    public Optional<String> forcePushRewrite(String message, Map<String, String> files) {
        try (Git git = Git.open(work.dir().toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit head = walk.parseCommit(git.getRepository().resolve("HEAD"));
            if (head.getParentCount() == 0) {
                return Optional.empty();
            }
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(head.getParent(0).name()).call();
            for (var f : files.entrySet()) {
                work.writeFile(f.getKey(), f.getValue());
            }
            String sha = work.commitAll(message, "Bench Author", "bench@example.com");
            forcePush(git);
            return Optional.of(sha);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot force-push in " + bare + ": " + e.getMessage(), e);
        }
    }

    /** Puts the branch back at {@code sha} (after a rewrite) and force-pushes it: the old history is back. */
    public void restore(String sha) {
        try (Git git = Git.open(work.dir().toFile())) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(sha).call();
            forcePush(git);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot restore " + sha + " in " + bare + ": " + e.getMessage(), e);
        }
    }

    /** The paths under {@code prefix} that differ between two commits (added, changed or deleted). */
    public List<String> changedPaths(String from, String to, String prefix) {
        try (Git git = Git.open(work.dir().toFile()); var reader = git.getRepository().newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            var a = new CanonicalTreeParser(null, reader, walk.parseCommit(ObjectId.fromString(from)).getTree());
            var b = new CanonicalTreeParser(null, reader, walk.parseCommit(ObjectId.fromString(to)).getTree());
            var out = new ArrayList<String>();
            for (DiffEntry d : git.diff().setOldTree(a).setNewTree(b).setPathFilter(PathFilter.create(prefix)).call()) {
                out.add(d.getChangeType() == DiffEntry.ChangeType.DELETE ? d.getOldPath() : d.getNewPath());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot compare " + from + " with " + to + ": " + e.getMessage(), e);
        }
    }

    private void forcePush(Git git) throws GitAPIException {
        git.push().setRemote(bare.toUri().toString()).setRefSpecs(new RefSpec("+refs/heads/main:refs/heads/main")).call();
    }

    @Override
    public void close() {
        work.close();
    }
}
