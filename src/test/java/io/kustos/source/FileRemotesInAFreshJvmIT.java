package io.kustos.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code file://} sources polled together in a new JVM (JGit has measured nothing yet) whose
 * common ForkJoinPool has one worker, as on a 2-core machine: on Java 25 this hung forever in
 * ls-remote, the local upload-pack waiting for a JGit task the busy pool never ran. Runs on the
 * JVM that runs the tests (.ci/run runs it on Java 17 and 25).
 */
class FileRemotesInAFreshJvmIT {
    @TempDir
    Path tmp;

    @Test
    void bothHeadsAreRead() throws Exception {
        try (TestRepo config = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"));
             TestRepo releases = TestRepos.create(tmp.resolve("repos"), "releases", Map.of("r.yaml", "r: 1\n"))) {
            Path yaml = tmp.resolve("kustos.yaml");
            Files.writeString(yaml, """
                    sources:
                      config:   { url: "%s" }
                      releases: { url: "%s" }
                    targets:
                      - { environment: staging, namespace: staging }
                    cacheDir: cache
                    """.formatted(config.fileUrl(), releases.fileUrl()));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path output = tmp.resolve("output.txt");
            Process child = new ProcessBuilder(List.of(java.toString(),
                    "-Djava.util.concurrent.ForkJoinPool.common.parallelism=1",
                    "-cp", System.getProperty("java.class.path"), PollBothSourcesMain.class.getName(), yaml.toString()))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                boolean finished = child.waitFor(3, TimeUnit.MINUTES);
                String printed = Files.readString(output, StandardCharsets.UTF_8);
                assertTrue(finished, "the poll hung (Java " + Runtime.version() + "):\n" + printed);
                assertEquals(0, child.exitValue(), printed);
                assertTrue(printed.contains("config " + config.head() + "\n"), printed);
                assertTrue(printed.contains("releases " + releases.head() + "\n"), printed);
            } finally {
                child.destroyForcibly();
            }
        }
    }
}
