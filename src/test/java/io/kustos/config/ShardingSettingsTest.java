package io.kustos.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** kustos.yaml's {@code sharding:} — defaults, every field, refused values with their path, and not with leaderElection. */
class ShardingSettingsTest {

    @Test
    void offByDefault() {
        Sharding s = ConfigYaml.parse(ConfigYaml.MINIMAL).sharding();
        assertEquals(new Sharding(false, null, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2)), s);
    }

    @Test
    void everyFieldComesThrough() {
        Sharding s = ConfigYaml.parse(ConfigYaml.MINIMAL + """
                sharding: { enabled: true, namespace: kustos-system, leaseDuration: 30s, renewDeadline: 20s, retryPeriod: 5s }
                """).sharding();
        assertEquals(new Sharding(true, "kustos-system", Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(5)), s);
    }

    @Test
    void badValuesAreRefusedWithTheirPath() {
        var e = assertThrows(ConfigException.class, () -> ConfigYaml.parse(ConfigYaml.MINIMAL + """
                sharding: { enabled: yes please, namespace: Bad_NS, leaseDuration: 10s, renewDeadline: 10s, retryPeriod: 0s, shards: 3 }
                """));
        for (String expected : List.of(
                "sharding.enabled: \"yes please\" is not a boolean",
                "sharding.namespace: \"Bad_NS\" is not a valid namespace name",
                "sharding.renewDeadline: must be shorter than leaseDuration",
                "sharding.retryPeriod:",
                "sharding.shards: unknown field")) {
            assertTrue(e.getMessage().contains(expected), expected + " missing from:\n" + e.getMessage());
        }
    }

    @Test
    void notTogetherWithLeaderElection() {
        String message = assertThrows(ConfigException.class, () -> ConfigYaml.parse(ConfigYaml.MINIMAL + """
                leaderElection: { enabled: true }
                sharding: { enabled: true }
                """)).getMessage();
        assertTrue(message.contains("sharding.enabled: cannot be enabled together with leaderElection"), message);
    }
}
