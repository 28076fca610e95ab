package io.kustos.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** kustos.yaml's daemon sections: server, leaderElection, notifications — defaults, full, refused. */
class DaemonSettingsTest {

    @Test
    void defaults() {
        KustosConfig c = ConfigYaml.parse(ConfigYaml.MINIMAL);
        assertEquals(new Server(8080, null, "0.0.0.0", 1024 * 1024), c.server());
        assertFalse(c.leaderElection().enabled());
        assertEquals("kustos", c.leaderElection().leaseName());
        assertEquals(Duration.ofSeconds(15), c.leaderElection().leaseDuration());
        assertNull(c.leaderElection().namespace());
        assertNull(c.notifications().slack());
        assertEquals(List.of("applied", "failed", "rolledBack", "driftCorrected"), c.notifications().on().stream().map(io.kustos.outcome.Outcome::notificationWord).toList());
        assertEquals(3, c.notifications().retries());
    }

    @Test
    void everyFieldComesThrough() {
        KustosConfig c = ConfigYaml.parse(ConfigYaml.MINIMAL + """
                server: { port: 9090, host: 127.0.0.1, webhookSecretFile: secrets/webhook, maxBodyBytes: 65536 }
                leaderElection: { enabled: true, namespace: kustos-system, leaseName: kustos-prod, leaseDuration: 30s, renewDeadline: 20s, retryPeriod: 5s }
                notifications:
                  slack: { webhookUrlFile: secrets/slack-url }
                  webhook: { url: "https://hooks.example.com/kustos", tokenFile: secrets/hook-token }
                  github: { tokenFile: secrets/gh-token, apiUrl: "https://github.example.com/api/v3/", configRepo: platform/config, releasesRepo: platform/releases, context: deploy }
                  on: [failed, rolledBack]
                  retries: 5
                  retryDelay: 10s
                """);
        assertEquals(new Server(9090, Path.of("/etc/kustos/secrets/webhook"), "127.0.0.1", 65536), c.server());
        assertEquals(new LeaderElection(true, "kustos-system", "kustos-prod", Duration.ofSeconds(30), Duration.ofSeconds(20),
                Duration.ofSeconds(5)), c.leaderElection());
        Notifications n = c.notifications();
        assertEquals(new Notifications.Slack(Path.of("/etc/kustos/secrets/slack-url")), n.slack());
        assertEquals(new Notifications.Webhook("https://hooks.example.com/kustos", Path.of("/etc/kustos/secrets/hook-token")), n.webhook());
        assertEquals(new Notifications.GitHub(Path.of("/etc/kustos/secrets/gh-token"), "https://github.example.com/api/v3",
                "platform/config", "platform/releases", "deploy"), n.github());
        assertEquals(List.of("failed", "rolledBack"), n.on().stream().map(io.kustos.outcome.Outcome::notificationWord).toList());
        assertEquals(5, n.retries());
        assertEquals(Duration.ofSeconds(10), n.retryDelay());
    }

    @Test
    void portZeroTakesAFreePort() {
        assertEquals(0, ConfigYaml.parse(ConfigYaml.MINIMAL + "server: { port: 0 }\n").server().port());
    }

    @Test
    void badValuesAreRefusedWithTheirPath() {
        String message = assertThrows(ConfigException.class, () -> ConfigYaml.parse(ConfigYaml.MINIMAL + """
                server: { port: 70000, maxBodyBytes: 10, webhookSecret: inline }
                leaderElection: { enabled: 1, namespace: Bad_NS, leaseDuration: 10s, renewDeadline: 10s }
                notifications:
                  slack: { url: "https://hooks.slack.com/services/T/B/secretpart" }
                  webhook: { url: "ftp://hooks.example.com/x?token=secretpart" }
                  github: { tokenFile: t, configRepo: "not a repo" }
                  on: [applied, deployed]
                """)).getMessage();
        for (String expected : List.of(
                "server.port: 70000 is out of range (0..65535)",
                "server.maxBodyBytes: 10 is out of range",
                "server.webhookSecret: unknown field",
                "leaderElection.enabled: 1 is not a boolean",
                "leaderElection.namespace: \"Bad_NS\" is not a valid namespace name",
                "leaderElection.renewDeadline: must be shorter than leaseDuration",
                "notifications.slack.url: unknown field",
                "notifications.slack.webhookUrlFile: required",
                "notifications.webhook.url: is not an http(s) URL",
                "notifications.github.configRepo: \"not a repo\" is not owner/name",
                "notifications.on[1]: \"deployed\" is not an event")) {
            assertTrue(message.contains(expected), expected + " missing from:\n" + message);
        }
        assertFalse(message.contains("secretpart"), "a URL that may hold a token was echoed:\n" + message);
    }
}
