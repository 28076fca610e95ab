package io.kustos.source;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.config.SourceSpec;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Kustos processes in one folder (two {@code kustos apply} at once) share its cache directory:
 * their polls take turns on each clone instead of failing on each other's git lock files and
 * repairing, or deleting, the clone the other is using.
 */
class SharedCacheDirTest {
    @TempDir
    Path tmp;

    @Test
    void aPollWaitsWhileAnotherProcessUsesTheClone() throws Exception {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"))) {
            var source = new GitSource("config", new SourceSpec(repo.fileUrl(), "main", null), tmp.resolve("cache"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process other = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                    HoldCloneLockMain.class.getName(), source.repositoryDir().toString()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                var out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("held", out.readLine(), "the other process took the clone's lock");

                CompletableFuture<PollResult> poll = CompletableFuture.supplyAsync(source::poll);
                await("the poll waits for the other process and does not touch the clone")
                        .during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                        .until(() -> !poll.isDone() && !Files.exists(source.repositoryDir()));

                other.getOutputStream().close(); // the other process ends, and its lock with it
                PollResult result = poll.get();
                assertTrue(result.fetched());
                assertEquals(repo.head(), result.revision().sha());
            } finally {
                other.destroyForcibly();
            }
        }
    }

    @Test
    void pollsOfOneCloneFromTwoSourcesAtOnceAllSucceed() throws Exception {
        try (TestRepo repo = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 0\n"))) {
            var spec = new SourceSpec(repo.fileUrl(), "main", null);
            var sources = List.of(new GitSource("config", spec, tmp.resolve("cache")),
                    new GitSource("config", spec, tmp.resolve("cache")));
            var failures = new CopyOnWriteArrayList<Throwable>();
            var start = new CountDownLatch(1);
            var pollers = new ArrayList<Thread>();
            for (GitSource source : sources) {
                Thread poller = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < 25; i++) {
                            source.poll();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                poller.start();
                pollers.add(poller);
            }
            start.countDown();
            for (int i = 1; i <= 15; i++) {
                repo.commit("change " + i, Map.of("a.yaml", "a: " + i + "\n"));
            }
            for (Thread poller : pollers) {
                poller.join();
            }
            assertEquals(List.of(), failures.stream().map(Throwable::toString).toList());
            for (GitSource source : sources) {
                assertEquals(repo.head(), source.poll().revision().sha());
            }
            Path clone = sources.get(0).repositoryDir();
            assertTrue(Files.isRegularFile(CloneLock.fileOf(clone)), "the lock file is beside the clone");
            assertEquals(clone.getParent(), CloneLock.fileOf(clone).getParent(), "outside the clone, which a repair may delete");
        }
    }
}
