package io.kustos.agent;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.ConfigLoader;
import io.kustos.config.KustosConfig;
import io.kustos.failure.KustosException;
import io.kustos.reconcile.LoopObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root makes each piece once, when first asked for, and shares it. */
class AgentTest {
    @TempDir
    Path tmp;

    private KustosConfig config(String extra) {
        return ConfigLoader.parse("""
                sources:
                  config:   { url: "file:///nowhere/config" }
                  releases: { url: "file:///nowhere/releases" }
                targets: [ { environment: staging, namespace: staging } ]
                cacheDir: cache
                """ + extra, tmp, "kustos.yaml", Map.of());
    }

    @Test
    void eachPieceIsMadeOnceAndShared() {
        try (var clients = new ClusterClients(tmp.resolve("unused.kubeconfig"), null)) {
            var clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
            var agent = new Agent(config(""), clients, null, clock);

            assertSame(agent.sources(), agent.sources());
            assertSame(agent.renderer(), agent.renderer());
            assertSame(agent.reconciler(), agent.reconciler());
            assertSame(clock, agent.clock());
            assertSame(clients, agent.clients());
            // each loop reconciles on its own (its watch caches are its own), over the shared sources
            assertNotSame(agent.loop(r -> { }, LoopObserver.NONE), agent.loop(r -> { }, LoopObserver.NONE));
        }
    }

    @Test
    void theKeysAreReadWhenSomethingRendersNotBefore() {
        try (var clients = new ClusterClients(tmp.resolve("unused.kubeconfig"), null)) {
            var agent = new Agent(config("decryption: { ageKeyFile: keys/missing.key }\n"), clients);

            agent.sources(); // polling needs no key

            var e = assertThrows(KustosException.class, agent::renderer);
            assertTrue(e.getMessage().contains("missing.key"), e.getMessage());
        }
    }
}
