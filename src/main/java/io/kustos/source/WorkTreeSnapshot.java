package io.kustos.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files render reads from a repo's working tree on disk ({@code kustos validate}): the root
 * {@code .sops.yaml} and everything under {@code environments/}, as render reads them from a
 * commit: regular files with their content (none over {@link RepoSnapshot#MAX_FILE_BYTES}),
 * symbolic links as links (never followed). No git, no network.
 */
public final class WorkTreeSnapshot {
    /** The revision a working tree stands for: it has no commit. */
    public static final Revision WORK_TREE = new Revision("work-tree", "0".repeat(40));
    /** The paths under a repo's root that render reads. */
    private static final List<String> READ = List.of(".sops.yaml", "environments");

    private WorkTreeSnapshot() {
    }

    /** @throws UncheckedIOException when the tree cannot be read */
    public static MemorySnapshot read(Path dir) {
        var files = new TreeMap<String, RepoFile>();
        try {
            for (String top : READ) {
                if (Files.exists(dir.resolve(top), LinkOption.NOFOLLOW_LINKS)) {
                    walk(dir, dir.resolve(top), files);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MemorySnapshot(WORK_TREE, new CommitInfo(WORK_TREE.sha(), "", "", Instant.EPOCH, "work tree"), files);
    }

    private static void walk(Path dir, Path start, Map<String, RepoFile> files) throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                String path = relative(dir, f);
                if (attrs.isSymbolicLink()) {
                    files.put(path, new RepoFile(path, RepoFile.Type.SYMLINK, 0, null));
                } else if (attrs.isRegularFile()) {
                    byte[] content = attrs.size() > RepoSnapshot.MAX_FILE_BYTES ? null : Files.readAllBytes(f);
                    files.put(path, new RepoFile(path, RepoFile.Type.REGULAR, attrs.size(), content));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** {@code f} from {@code dir}, with '/' separators as git writes paths. */
    private static String relative(Path dir, Path f) {
        var parts = new StringBuilder();
        for (Path p : dir.relativize(f)) {
            parts.append(parts.length() == 0 ? "" : "/").append(p);
        }
        return parts.toString();
    }
}
