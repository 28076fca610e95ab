package io.kustos.runtime;

import io.kustos.config.PullRequestPreviews;
import io.kustos.runtime.forge.PreviewQueue;
import io.kustos.runtime.forge.PullRequestEvent;
import io.kustos.runtime.forge.PullRequestPreview;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code /hooks/<forge>} with a pull request event: signed as a push is, queued for a preview,
 * no reconcile triggered; ignored (202, nothing queued, nothing triggered) when {@code previews:}
 * is not set for that forge; a push still triggers a reconcile.
 */
class PullRequestWebhooksTest {
    private static final String SECRET = "s3cret";
    private static final String OPENED = """
            {"action":"opened","number":12,"pull_request":{"head":{"sha":"0123456789abcdef0123456789abcdef01234567",
              "repo":{"full_name":"platform/config"}},"base":{"repo":{"full_name":"platform/config"}}}}
            """;
    private final List<String> triggers = new CopyOnWriteArrayList<>();
    private final List<PullRequestEvent> previewed = new CopyOnWriteArrayList<>();
    private PreviewQueue queue;

    @AfterEach
    void close() throws Exception {
        if (queue != null) {
            queue.close();
        }
    }

    @Test
    void aPullRequestIsQueuedNotReconciled(@TempDir Path tmp) throws Exception {
        var github = receiver(tmp, WebhookProvider.GITHUB, true);
        var answer = github.receive(headers(WebhookProvider.GITHUB, OPENED, "pull_request"), bytes(OPENED));
        assertEquals(new WebhookReceiver.Answer(202, "pull request preview queued"), answer);
        await().atMost(Duration.ofSeconds(10)).until(() -> previewed.size() == 1);
        assertEquals("platform/config#12", previewed.get(0).key());
        assertEquals(List.of(), triggers);

        var push = github.receive(headers(WebhookProvider.GITHUB, "{}", "push"), bytes("{}"));
        assertEquals(new WebhookReceiver.Answer(202, "reconcile triggered"), push);
        assertEquals(List.of("webhook github"), triggers);
    }

    @Test
    void anUnsignedPullRequestIsRefused(@TempDir Path tmp) throws Exception {
        var github = receiver(tmp, WebhookProvider.GITHUB, true);
        var answer = github.receive(Map.of("X-GitHub-Event", "pull_request")::get, bytes(OPENED));
        assertEquals(401, answer.status());
        assertEquals(List.of(), triggers);
    }

    @Test
    void ignoredWhenPreviewsAreOff(@TempDir Path tmp) throws Exception {
        var github = receiver(tmp, WebhookProvider.GITHUB, false);
        var answer = github.receive(headers(WebhookProvider.GITHUB, OPENED, "pull_request"), bytes(OPENED));
        assertEquals(new WebhookReceiver.Answer(202, "pull request event ignored: previews are off for github (previews: in kustos.yaml)"), answer);
        assertEquals(List.of(), triggers);
    }

    @Test
    void ignoredFromAnotherForge(@TempDir Path tmp) throws Exception {
        var gitea = receiver(tmp, WebhookProvider.GITEA, true); // previews: forge github
        var answer = gitea.receive(headers(WebhookProvider.GITEA, OPENED, "pull_request"), bytes(OPENED));
        assertEquals(202, answer.status());
        assertTrue(answer.text().startsWith("pull request event ignored"), answer.text());
        assertEquals(List.of(), previewed);
        assertEquals(List.of(), triggers);
    }

    private WebhookReceiver receiver(Path tmp, WebhookProvider provider, boolean previews) throws Exception {
        Path secret = Files.writeString(tmp.resolve("hook-secret"), SECRET);
        var settings = new PullRequestPreviews(PullRequestPreviews.Forge.GITHUB, "http://127.0.0.1:9", Files.writeString(tmp.resolve("t"), "t"),
                "platform/config", null, false, 0, Duration.ofMillis(10));
        PullRequestPreview preview = (side, pr) -> {
            previewed.add(pr);
            throw new IllegalStateException("the fake stops here");
        };
        queue = previews ? new PreviewQueue(settings, new io.kustos.config.Sources(new io.kustos.config.SourceSpec("file:///config", "main", null),
                new io.kustos.config.SourceSpec("file:///releases", "main", null)), preview) : null;
        return new WebhookReceiver(provider, new WebhookSecret(secret), 1 << 20, () -> true, triggers::add, queue,
                previews ? settings.forge() : null);
    }

    private static java.util.function.UnaryOperator<String> headers(WebhookProvider provider, String body, String event) {
        String eventHeader = switch (provider) {
            case GITHUB -> "X-GitHub-Event";
            case GITEA -> "X-Gitea-Event";
            default -> "X-Gitlab-Event";
        };
        return Map.of(provider.header(), provider.sign(bytes(body), SECRET.getBytes(StandardCharsets.UTF_8)), eventHeader, event)::get;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
