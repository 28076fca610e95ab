package io.kustos.source;

import io.kustos.config.SourceSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * The bare repository a source keeps under the cache directory, at
 * {@code <cacheDir>/<name>-<12 hex of sha256(url without password, branch)>}: a new URL or branch gets a new
 * clone, and a restarted process finds the old one.
 */
final class SourceCache {
    static {
        JGitDefaults.apply();
    }

    private final Path root;
    private final Path dir;
    private final String branch;

    SourceCache(String name, SourceSpec spec, Path root) {
        this.root = root;
        this.branch = spec.branch();
        this.dir = root.resolve(safeName(name) + "-" + shortHash(Redactor.url(spec.url()) + "\n" + spec.branch()));
    }

    Path root() {
        return root;
    }

    Path dir() {
        return dir;
    }

    static String branchRef(String branch) {
        return "refs/heads/" + branch;
    }

    /** Opens the clone, creating an empty bare repository first if there is none (or a broken one). */
    Repository open() throws IOException {
        if (!RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED)) {
            deleteTree(dir);
            Files.createDirectories(dir);
            try (Git ignored = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch(branch).call()) {
                // created
            } catch (GitAPIException e) {
                throw new IOException("cannot create bare repository " + dir + ": " + e.getMessage(), e);
            }
        }
        Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        // a fetch's automatic gc runs within the poll, not in a thread that outlives it and holds gc.log.lock
        repo.getConfig().setBoolean("gc", null, "autoDetach", false);
        return repo;
    }

    /** The cached head of the branch, or null before the first fetch. */
    ObjectId head(Repository repo) throws IOException {
        Ref ref = repo.exactRef(branchRef(branch));
        return ref == null ? null : ref.getObjectId();
    }

    /** Total size of the pack files, to measure what a fetch brought. */
    long packBytes() throws IOException {
        Path packs = dir.resolve("objects").resolve("pack");
        if (!Files.isDirectory(packs)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(packs)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".pack"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /**
     * Repairs a clone whose branch a fetch did not move: removes the lock files ({@code *.lock},
     * which git leaves behind when it is killed while writing) older than {@code staleAfter};
     * younger ones may belong to a git that still runs and stay. A clone with no lock file at all
     * is deleted, and the next poll clones afresh. Call it with the repository closed.
     *
     * @return what was done, for the message
     */
    String repair(Duration staleAfter) throws IOException {
        List<Path> locks;
        try (Stream<Path> files = Files.walk(dir)) {
            locks = files.filter(p -> p.getFileName().toString().endsWith(".lock") && Files.isRegularFile(p)).toList();
        }
        if (locks.isEmpty()) {
            deleteTree(dir);
            return "deleted the clone " + dir + "; the next poll clones it afresh";
        }
        Instant staleBefore = Instant.now().minus(staleAfter);
        var removed = new ArrayList<String>();
        var kept = new ArrayList<String>();
        for (Path lock : locks) {
            String name = dir.relativize(lock).toString();
            try {
                if (Files.getLastModifiedTime(lock).toInstant().isBefore(staleBefore)) {
                    Files.deleteIfExists(lock);
                    removed.add(name);
                } else {
                    kept.add(name);
                }
            } catch (NoSuchFileException e) {
                // its git finished meanwhile
            }
        }
        String done = removed.isEmpty() ? "" : "removed the stale lock file(s) " + String.join(", ", removed) + " in " + dir;
        String left = kept.isEmpty() ? "" : "left the lock file(s) " + String.join(", ", kept) + " in " + dir
                + " (younger than " + GitTimeLimit.text(staleAfter) + ": a git may still be writing; removed once older)";
        return done.isEmpty() ? left : left.isEmpty() ? done : done + "; " + left;
    }

    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "source" + safe : safe;
    }

    static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
