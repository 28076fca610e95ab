package io.kustos.runtime;

import io.kustos.config.Notifications;
import io.kustos.reconcile.ReconcileReport;
import org.apache.camel.ProducerTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands each event of a report to the notification routes that want it, asynchronously: the
 * reconcile worker never waits for Slack, a webhook or GitHub.
 */
final class Notifier {
    private final Notifications settings;
    private final ProducerTemplate template;

    Notifier(Notifications settings, ProducerTemplate template) {
        this.settings = settings;
        this.template = template;
    }

    void publish(ReconcileReport report) {
        for (NotificationEvent event : NotificationEvent.of(report)) {
            if (settings.on().contains(event.event())) {
                channels().forEach(channel -> template.asyncSendBody(channel, event));
            }
        }
    }

    private List<String> channels() {
        List<String> channels = new ArrayList<>();
        if (settings.slack() != null) {
            channels.add(NotificationRoutes.SLACK);
        }
        if (settings.webhook() != null) {
            channels.add(NotificationRoutes.WEBHOOK);
        }
        if (settings.github() != null) {
            channels.add(NotificationRoutes.GITHUB);
        }
        return channels;
    }
}
