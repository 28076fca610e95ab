package io.kustos.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.kustos.testsupport.LogCapture;
import io.kustos.testsupport.TestRepo;
import io.kustos.testsupport.TestRepos;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/** The release source is polled on a thread of its own, whose log lines carry the caller's context. */
class ReleasePollCarriesTheLogContextTest {
    @Test
    void theReleaseSourcesLinesCarryTheCallersMdc(@TempDir Path tmp) {
        try (TestRepo config = TestRepos.create(tmp.resolve("repos"), "config", Map.of("a.yaml", "a: 1\n"));
             TestRepo releases = TestRepos.create(tmp.resolve("repos"), "releases", Map.of("r.yaml", "r: 1\n"));
             var logs = LogCapture.atLevel(ch.qos.logback.classic.Level.INFO)) {
            var cfg = TestRepos.stagingConfig(tmp, config.fileUrl(), releases.fileUrl());
            MDC.put("revision", "config=1a2b3c4,releases=5d6e7f8");
            try {
                new SourcePoller(cfg).poll();
            } finally {
                MDC.remove("revision");
            }

            ILoggingEvent fetched = logs.events().stream()
                    .filter(e -> e.getFormattedMessage().startsWith("source 'releases': fetched")).findFirst().orElseThrow();
            assertNotEquals(Thread.currentThread().getName(), fetched.getThreadName(), "polled beside the config source");
            assertEquals("config=1a2b3c4,releases=5d6e7f8", fetched.getMDCPropertyMap().get("revision"), fetched.toString());
        }
    }
}
