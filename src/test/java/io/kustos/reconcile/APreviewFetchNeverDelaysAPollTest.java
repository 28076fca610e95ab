package io.kustos.reconcile;

import io.kustos.config.ConfigLoader;
import io.kustos.config.KustosConfig;
import io.kustos.source.PreviewRef;
import io.kustos.testsupport.PullRequestRefs;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.Daemon;
import org.eclipse.jgit.transport.DaemonClient;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.resolver.RepositoryResolver;
import org.eclipse.jgit.transport.resolver.UploadPackFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 16 point 3, forge work never blocks reconciles: a pull request's preview fetches into a
 * clone of its own ({@code <cacheDir>/previews}), so while its fetch hangs on a slow remote (here a
 * git daemon that holds the preview's connection until released) a poll of the same repo runs and
 * finds the branch's new commit. The sources' timeout is long (5m): a poll that waited for the
 * preview would still be waiting.
 */
class APreviewFetchNeverDelaysAPollTest {
    @TempDir
    Path tmp;
    private final AtomicBoolean stallNext = new AtomicBoolean();
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private Daemon daemon;

    @AfterEach
    void stop() {
        release.countDown();
        if (daemon != null) {
            daemon.stop();
        }
    }

    @Test
    void aPollOfTheRepoRunsWhileAPreviewFetchHangs() throws Exception {
        Path repos = tmp.resolve("repos");
        TestRepo config = TestRepos.create(repos, "config", Map.of("environments/staging/app.yaml", "a: 1\n"));
        TestRepo releases = TestRepos.create(repos, "releases", Map.of("environments/staging/release.yaml", "workloads: []\n"));
        String url = "git://127.0.0.1:" + serve(repos).getPort() + "/config.git";
        Files.writeString(tmp.resolve("kustos.yaml"), """
                sources:
                  config:   { url: "%s", timeout: 5m }
                  releases: { url: "%s", timeout: 5m }
                targets: [ { environment: staging, namespace: staging } ]
                sync: { interval: 1h }
                cacheDir: cache
                """.formatted(url, releases.fileUrl()));
        KustosConfig cfg = ConfigLoader.load(tmp.resolve("kustos.yaml"));
        var sources = new SourcePoller(cfg);
        sources.poll();
        String pr = PullRequestRefs.push(config, "refs/pull/7/head", "a=2", Map.of("environments/staging/app.yaml", "a: 2\n"));

        stallNext.set(true);
        var preview = CompletableFuture.supplyAsync(() -> sources.preview(new PreviewRef(pr), new PreviewRef("main")));
        await().atMost(Duration.ofSeconds(30)).until(() -> stalled.getCount() == 0);
        String merged = config.commit("a=3, merged", Map.of("environments/staging/app.yaml", "a: 3\n"));

        var poll = CompletableFuture.supplyAsync(sources::poll);
        await("a poll while the preview's fetch hangs").atMost(Duration.ofSeconds(30)).until(poll::isDone);
        assertEquals(merged, poll.join().config().snapshot().revision().sha());
        assertFalse(preview.isDone(), "the preview's fetch still hangs");
        assertTrue(Files.isDirectory(SourcePoller.previewsDir(cfg.cacheDir())), "previews keep their clones apart");

        release.countDown();
        await("the preview, released").atMost(Duration.ofSeconds(30)).until(preview::isDone);
        assertEquals(pr, preview.join().config().revision().sha());
    }

    /** A git daemon serving the bare repositories under {@code root}; an armed {@link #stallNext} holds the next connection until {@link #release}. */
    private InetSocketAddress serve(Path root) throws IOException {
        daemon = new Daemon(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon.setRepositoryResolver((RepositoryResolver<DaemonClient>) (client, name) -> {
            try {
                return new FileRepositoryBuilder().setGitDir(root.resolve(name.replaceFirst("^/", "")).toFile()).setMustExist(true).build();
            } catch (IOException e) {
                throw new org.eclipse.jgit.errors.RepositoryNotFoundException(name, e);
            }
        });
        daemon.setUploadPackFactory((UploadPackFactory<DaemonClient>) (client, repo) -> {
            if (stallNext.compareAndSet(true, false)) {
                stalled.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new UploadPack(repo);
        });
        daemon.start();
        return daemon.getAddress();
    }
}
