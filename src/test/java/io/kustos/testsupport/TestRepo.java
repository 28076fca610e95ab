package io.kustos.testsupport;

import io.kustos.bench.GitHttpServer;
import io.kustos.config.GitAuth;
import io.kustos.source.GitWorkspace;
import io.kustos.source.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A bare repository made by {@link TestRepos}, with a work clone beside it. Every {@code commit}
 * writes into the work clone, commits and pushes to the bare repository, and returns the new sha.
 * Serve {@link #bareDir()}'s parent with {@link GitHttpServer} or {@link GitSshServer}, or use
 * {@link #fileUrl()} directly.
 */
public final class TestRepo implements AutoCloseable {
    public static final String AUTHOR = "Test Author";
    public static final String EMAIL = "author@example.com";

    private final String name;
    private final Path bareDir;
    private final GitWorkspace work;
    private String head;

    TestRepo(String name, Path bareDir, GitWorkspace work) {
        this.name = name;
        this.bareDir = bareDir;
        this.work = work;
    }

    /** The repository's file name under its root, e.g. {@code config.git}: pass it to a server's url(). */
    public String name() {
        return name;
    }

    public Path bareDir() {
        return bareDir;
    }

    /** {@code file:///…/config.git} */
    public String fileUrl() {
        return bareDir.toUri().toString();
    }

    /** The branch, always {@code main}. */
    public String branch() {
        return work.branch();
    }

    /** The sha of the branch head in the bare repository. */
    public String head() {
        return head;
    }

    /** The work clone, to write symlinks or other changes; then call {@link #commit(String)}. */
    public GitWorkspace workspace() {
        return work;
    }

    /** Writes the text files (path to content), commits, pushes; returns the new head. */
    public String commit(String message, Map<String, String> files) {
        try {
            for (var file : files.entrySet()) {
                work.writeFile(file.getKey(), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return commit(message);
    }

    /** Deletes the files, commits, pushes; returns the new head. */
    public String delete(String message, String... paths) {
        try {
            for (String path : paths) {
                work.deleteFile(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return commit(message);
    }

    /** Commits whatever the work clone holds now (an empty commit if nothing changed) and pushes. */
    public String commit(String message) {
        try {
            String sha = work.commitAll(message, AUTHOR, EMAIL);
            work.push(fileUrl(), GitAuth.NONE);
            head = sha;
            return sha;
        } catch (IOException | SourceException e) {
            throw new IllegalStateException("cannot commit to test repo " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        work.close();
    }
}
