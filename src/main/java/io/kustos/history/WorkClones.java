package io.kustos.history;

import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The work clones of one environment's {@code kustos rollback}: folders
 * {@code rollback-<environment>-<repo>-*} under the cache dir. At most one set per environment
 * exists: a rollback deletes the previous set (it starts from the remote again), and deletes its
 * own unless they hold commits the user chose not to push.
 */
final class WorkClones {
    private final Path cacheDir;
    private final String prefix;

    WorkClones(Path cacheDir, String environment) {
        this.cacheDir = cacheDir;
        this.prefix = "rollback-" + environment + "-";
    }

    /** A new empty folder for the clone of repo {@code name}. */
    Path create(String name) {
        try {
            Files.createDirectories(cacheDir);
            return Files.createTempDirectory(cacheDir, prefix + name + "-");
        } catch (IOException e) {
            throw new StallingException("cannot create a work folder under " + cacheDir + ": " + e.getMessage(), FailureReason.LOCAL_FILES, e);
        }
    }

    /** Deletes every work clone of the environment but {@code keep}. */
    void deleteAllBut(Set<Path> keep) {
        for (Path dir : existing()) {
            if (!keep.contains(dir)) {
                try {
                    FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
                } catch (IOException e) {
                    throw new StallingException("cannot delete the rollback work clone " + dir + ": " + e.getMessage()
                            + "; delete it by hand", FailureReason.LOCAL_FILES, e);
                }
            }
        }
    }

    void deleteAll() {
        deleteAllBut(Set.of());
    }

    private List<Path> existing() {
        if (!Files.isDirectory(cacheDir)) {
            return List.of();
        }
        try (var entries = Files.newDirectoryStream(cacheDir, e -> Files.isDirectory(e) && e.getFileName().toString().startsWith(prefix))) {
            var out = new ArrayList<Path>();
            entries.forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new StallingException("cannot list the cache dir " + cacheDir + ": " + e.getMessage(), FailureReason.LOCAL_FILES, e);
        }
    }
}
