package io.kustos.runtime;

import io.kustos.config.Notifications;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * One Camel route per notification channel ({@code direct:notify-slack}, {@code -webhook},
 * {@code -github}). A failed send is retried {@code notifications.retries} times with exponential
 * backoff, then logged and dropped: notifications never hold up a reconcile.
 */
final class NotificationRoutes extends RouteBuilder {
    static final String SLACK = "direct:notify-slack";
    static final String WEBHOOK = "direct:notify-webhook";
    static final String GITHUB = "direct:notify-github";

    private final Notifications settings;
    private final NotificationSender sender;

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
