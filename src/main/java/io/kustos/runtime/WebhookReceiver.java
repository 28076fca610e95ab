package io.kustos.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code POST /hooks/<provider>}: a call that proves it knows the shared secret triggers a
 * reconcile at once (202); one that does not gets 401 and triggers nothing; a body over
 * {@code server.maxBodyBytes} gets 413. Any push to either repo is enough: the reconcile asks
 * both remotes for their heads itself, so the payload is not trusted for anything.
 */
final class WebhookReceiver implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

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

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        byte[] body = in.getBody(byte[].class);
        body = body == null ? new byte[0] : body;
        int status;
        String answer;
        if (body.length > maxBodyBytes) {
            status = 413;
            answer = "body larger than " + maxBodyBytes + " bytes";
        } else if (!provider.verify(name -> in.getHeader(name, String.class), body, secret.read())) {
            LOG.warn("webhook {} refused: missing or invalid {}", provider.path(), provider.header());
            status = 401;
            answer = "missing or invalid " + provider.header();
        } else if (!leader.getAsBoolean()) {
            LOG.info("webhook {} accepted on a standby replica: the leader reconciles", provider.path());
            status = 202;
            answer = "accepted; this replica is on standby, the leader reconciles";
        } else {
            LOG.info("webhook {}: reconcile triggered", provider.path());
            trigger.accept("webhook " + provider.path());
            status = 202;
            answer = "reconcile triggered";
        }
        HttpAnswers.text(exchange, status, answer);
    }
}
