package io.kustos.runtime;

import io.kustos.config.PullRequestPreviews;
import io.kustos.runtime.forge.PreviewQueue;
import io.kustos.runtime.forge.PullRequestEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@code POST /hooks/<provider>}: a call that proves it knows the shared secret triggers a
 * reconcile at once (202); one that does not gets 401 and triggers nothing; a body over
 * {@code server.maxBodyBytes} gets 413. Any push to either repo is enough: the reconcile asks
 * both remotes for their heads itself, so the payload is not trusted for anything; at
 * {@code /hooks/<provider>/config} or {@code …/releases}, only that source's remote ({@link PollReasons}). The proof is
 * checked over the body's raw bytes, whatever its content type ({@link WebhookRoutes}).
 * A pull request event (GitHub {@code pull_request}, GitLab {@code Merge Request Hook}, Gitea
 * {@code pull_request}) triggers no reconcile: it is queued for a preview ({@link PreviewQueue})
 * when {@code previews:} is set for that forge, and answered at once.
 */
final class WebhookReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

    /** An HTTP answer: status and a one-line text. */
    record Answer(int status, String text) {
    }

    private final WebhookProvider provider;
    private final WebhookSecret secret;
    private final int maxBodyBytes;
    private final BooleanSupplier leader;
    private final Consumer<String> trigger;
    private final PreviewQueue previews;
    private final PullRequestPreviews.Forge previewForge;
    /** The source this path names ({@code config}, {@code releases}), null for both. */
    private final String source;

    /** @param previews the pull request previews, null when {@code previews:} is not set; @param previewForge their forge */
    WebhookReceiver(WebhookProvider provider, WebhookSecret secret, int maxBodyBytes, BooleanSupplier leader, Consumer<String> trigger,
                    PreviewQueue previews, PullRequestPreviews.Forge previewForge) {
        this(provider, null, secret, maxBodyBytes, leader, trigger, previews, previewForge);
    }

    /** @param source the source {@code POST /hooks/<provider>/<source>} names, whose poll alone a push triggers; null: both */
    WebhookReceiver(WebhookProvider provider, String source, WebhookSecret secret, int maxBodyBytes, BooleanSupplier leader,
                    Consumer<String> trigger, PreviewQueue previews, PullRequestPreviews.Forge previewForge) {
        this.source = source;
        this.provider = provider;
        this.secret = secret;
        this.maxBodyBytes = maxBodyBytes;
        this.leader = leader;
        this.trigger = trigger;
        this.previews = previews;
        this.previewForge = previewForge;
    }

    WebhookProvider provider() {
        return provider;
    }

    /** {@code /hooks/<provider>}, or {@code /hooks/<provider>/<source>}. */
    String path() {
        return "/hooks/" + label();
    }

    /** {@code github}, or {@code github/config}: what the log lines name. */
    private String label() {
        return provider.path() + (source == null ? "" : "/" + source);
    }

    /** @param headers a request header by name (case-insensitive), or null; @param body the raw request body */
    Answer receive(UnaryOperator<String> headers, byte[] body) {
        if (body.length > maxBodyBytes) {
            return new Answer(413, "body larger than " + maxBodyBytes + " bytes");
        }
        if (!provider.verify(headers, body, secret.read())) {
            LOG.warn("webhook {} refused: missing or invalid {}", label(), provider.header());
            return new Answer(401, "missing or invalid " + provider.header());
        }
        PullRequestPreviews.Forge forge = provider.forge();
        if (forge != null && PullRequestEvents.isPullRequest(forge, headers)) {
            return pullRequest(forge, body);
        }
        if (!leader.getAsBoolean()) {
            LOG.info("webhook {} accepted on a standby replica: the leader reconciles", label());
            return new Answer(202, "accepted; this replica is on standby, the leader reconciles");
        }
        LOG.info("webhook {}: reconcile triggered", label());
        trigger.accept(PollReasons.webhook(provider, source));
        return new Answer(202, "reconcile triggered");
    }

    private Answer pullRequest(PullRequestPreviews.Forge forge, byte[] body) {
        if (previews == null || forge != previewForge) {
            LOG.info("webhook {}: pull request event ignored (previews: in kustos.yaml is not set for {})", provider.path(), forge.word());
            return new Answer(202, "pull request event ignored: previews are off for " + forge.word() + " (previews: in kustos.yaml)");
        }
        var event = PullRequestEvents.parse(forge, body);
        if (event.isEmpty()) {
            return new Answer(400, "not a pull request event Kustos can read");
        }
        if (!leader.getAsBoolean()) {
            return new Answer(202, "accepted; this replica is on standby, the leader previews");
        }
        String answer = previews.offer(event.get());
        LOG.info("webhook {}: pull request {}: {}", provider.path(), event.get(), answer);
        return new Answer(202, answer);
    }
}
