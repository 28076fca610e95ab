package io.kustos.testsupport;

import io.kustos.bench.GitHttpServer;
import io.kustos.source.GitWorkspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Makes bare git repositories for tests.
 *
 * <pre>{@code
 * TestRepo repo = TestRepos.create(tempDir.resolve("repos"), "config", Map.of("a.yaml", "x: 1\n"));
 * String second = repo.commit("change a", Map.of("a.yaml", "x: 2\n"));
 * var server = GitHttpServer.start(tempDir.resolve("repos"));
 * String url = server.url(repo.name());   // http://127.0.0.1:<port>/config.git
 * }</pre>
 */
public final class TestRepos {
    private TestRepos() {
    }

    /**
     * Creates {@code <root>/<name>.git}, a bare repository whose branch {@code main} has one
     * commit of the given text files (path to content), and its work clone
     * {@code <root>-work/<name>}. Pushing over http is enabled in the bare repository.
     */
    public static TestRepo create(Path root, String name, Map<String, String> files) {
        Path bare = root.resolve(name + ".git");
        try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call()) {
            var config = git.getRepository().getConfig();
            config.setBoolean("http", null, "receivepack", true);
            config.save();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot create bare repo " + bare, e);
        }
        try {
            GitWorkspace work = GitWorkspace.init(root.resolveSibling(root.getFileName() + "-work").resolve(name), "main");
            var repo = new TestRepo(name + ".git", bare, work);
            repo.commit("initial commit", files);
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kustos.yaml with these two sources, one target (staging), its cache under {@code dir}. */
    public static io.kustos.config.KustosConfig stagingConfig(Path dir, String configUrl, String releasesUrl) {
        return io.kustos.config.ConfigLoader.parse("""
                sources:
                  config:   { url: "%s" }
                  releases: { url: "%s" }
                targets: [ { environment: staging, namespace: staging } ]
                cacheDir: cache
                """.formatted(configUrl, releasesUrl), dir, "kustos.yaml", Map.of());
    }
}
