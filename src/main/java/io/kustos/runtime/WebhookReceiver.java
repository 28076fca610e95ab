package io.kustos.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * {@code POST /hooks/<provider>}: a call that proves it knows the shared secret triggers a
 * reconcile at once (202); one that does not gets 401 and triggers nothing; a body over
 * {@code server.maxBodyBytes} gets 413. Any push to either repo is enough: the reconcile asks
 * both remotes for their heads itself, so the payload is not trusted for anything. The proof is
 * checked over the body's raw bytes, whatever its content type ({@link WebhookRoutes}).
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

    WebhookReceiver(WebhookProvider provider, WebhookSecret secret, int maxBodyBytes, BooleanSupplier leader, Consumer<String> trigger) {
        this.provider = provider;
        this.secret = secret;
        this.maxBodyBytes = maxBodyBytes;
        this.leader = leader;
        this.trigger = trigger;
    }

    WebhookProvider provider() {
        return provider;
    }

    /** @param headers a request header by name (case-insensitive), or null; @param body the raw request body */
    Answer receive(UnaryOperator<String> headers, byte[] body) {
        if (body.length > maxBodyBytes) {
            return new Answer(413, "body larger than " + maxBodyBytes + " bytes");
        }
        if (!provider.verify(headers, body, secret.read())) {
            LOG.warn("webhook {} refused: missing or invalid {}", provider.path(), provider.header());
            return new Answer(401, "missing or invalid " + provider.header());
        }
        if (!leader.getAsBoolean()) {
            LOG.info("webhook {} accepted on a standby replica: the leader reconciles", provider.path());
            return new Answer(202, "accepted; this replica is on standby, the leader reconciles");
        }
        LOG.info("webhook {}: reconcile triggered", provider.path());
        trigger.accept("webhook " + provider.path());
        return new Answer(202, "reconcile triggered");
    }
}
