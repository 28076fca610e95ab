package io.kustos.runtime;

import io.kustos.config.Notifications;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * One Camel route per notification channel ({@code direct:notify-slack}, {@code -webhook},
 * {@code -github}). A failed send is retried {@code notifications.retries} times with exponential
 * backoff, then logged and dropped: notifications never hold up a reconcile. The daemon adds them
 * only when {@code notifications:} names a channel: without one there is no route, no HTTP client
 * and no selector thread for it (issue 18 point 4).
 */
final class NotificationRoutes extends RouteBuilder {
    static final String SLACK = "direct:notify-slack";
    static final String WEBHOOK = "direct:notify-webhook";
    static final String GITHUB = "direct:notify-github";

    private final Notifications settings;
    private final NotificationSender sender;

    /** The routes of the channels {@code settings} names, in the order Slack, webhook, GitHub; empty: none configured. */
    static java.util.List<String> channels(Notifications settings) {
        var channels = new java.util.ArrayList<String>();
        if (settings.slack() != null) {
            channels.add(SLACK);
        }
        if (settings.webhook() != null) {
            channels.add(WEBHOOK);
        }
        if (settings.github() != null) {
            channels.add(GITHUB);
        }
        return java.util.List.copyOf(channels);
    }

    NotificationRoutes(Notifications settings) {
        this.settings = settings;
        this.sender = new NotificationSender(settings);
    }

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler()
                .maximumRedeliveries(settings.retries())
                .redeliveryDelay(settings.retryDelay().toMillis())
                .useExponentialBackOff().backOffMultiplier(2)
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .retriesExhaustedLogLevel(LoggingLevel.ERROR)
                .logStackTrace(false).logRetryStackTrace(false)
                .logExhaustedMessageBody(false).logExhaustedMessageHistory(false)
                .logHandled(false));
        from(SLACK).routeId("notify-slack").process(e -> sender.slack(e.getMessage().getBody(NotificationEvent.class)));
        from(WEBHOOK).routeId("notify-webhook").process(e -> sender.webhook(e.getMessage().getBody(NotificationEvent.class)));
        from(GITHUB).routeId("notify-github").process(e -> sender.github(e.getMessage().getBody(NotificationEvent.class)));
    }
}
