package io.kustos.runtime;

import io.kustos.config.Notifications;
import io.kustos.reconcile.ReconcileReport;
import org.apache.camel.ProducerTemplate;

import java.util.List;
import java.util.function.Supplier;

/**
 * Hands each event of a report to the notification routes that want it, asynchronously: the
 * reconcile worker never waits for Slack, a webhook or GitHub.
 */
final class Notifier {
    private final Notifications settings;
    private final List<String> channels;
    private final Supplier<ProducerTemplate> templates;
    private ProducerTemplate template;

    /** @param templates makes the template the first event is sent with: none is made while no channel is configured */
    Notifier(Notifications settings, Supplier<ProducerTemplate> templates) {
        this.settings = settings;
        this.channels = NotificationRoutes.channels(settings);
        this.templates = templates;
    }

    void publish(ReconcileReport report) {
        for (NotificationEvent event : NotificationEvent.of(report)) {
            if (!channels.isEmpty() && settings.on().contains(event.event())) {
                ProducerTemplate t = template();
                channels.forEach(channel -> t.asyncSendBody(channel, event));
            }
        }
    }

    private synchronized ProducerTemplate template() {
        if (template == null) {
            template = templates.get();
        }
        return template;
    }
}
