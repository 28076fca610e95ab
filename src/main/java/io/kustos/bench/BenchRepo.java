package io.kustos.bench;

import io.kustos.config.GitAuth;
import io.kustos.source.GitWorkspace;
import io.kustos.source.SourceException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

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
        try (Git ignored = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call()) {
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

    @Override
    public void close() {
        work.close();
    }
}
