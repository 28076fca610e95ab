package io.kustos.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.builder.RouteBuilder;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The daemon's routes: the poll timer, {@code /healthz}, {@code /readyz}, {@code /metrics} and
 * the four webhooks, all on {@code server.port}. They only decide; the reconcile runs on the
 * {@link SingleFlight} worker.
 */
final class DaemonRoutes extends RouteBuilder {
    /** How often the timer looks whether a poll is due (the schedule itself has jitter and backoff). */
    static final Duration TICK = Duration.ofMillis(500);

    private final PollSchedule schedule;
    private final BooleanSupplier leader;
    private final Consumer<String> trigger;
    private final WebhookSecret secret;
    private final int maxBodyBytes;
    private final PrometheusMeterRegistry registry;

    DaemonRoutes(PollSchedule schedule, BooleanSupplier leader, Consumer<String> trigger, WebhookSecret secret,
                 int maxBodyBytes, PrometheusMeterRegistry registry) {
        this.schedule = schedule;
        this.leader = leader;
        this.trigger = trigger;
        this.secret = secret;
        this.maxBodyBytes = maxBodyBytes;
        this.registry = registry;
    }

    @Override
    public void configure() {
        from("timer:kustos-poll?delay=0&period=" + TICK.toMillis()).routeId("poll")
                .process(e -> {
                    if (leader.getAsBoolean() && schedule.claimIfDue()) {
                        trigger.accept("poll");
                    }
                });
        from("platform-http:/healthz?httpMethodRestrict=GET").routeId("healthz").process(HealthEndpoints::liveness);
        from("platform-http:/readyz?httpMethodRestrict=GET").routeId("readyz").process(HealthEndpoints::readiness);
        from("platform-http:/metrics?httpMethodRestrict=GET").routeId("metrics")
                .process(e -> HttpAnswers.answer(e, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        for (WebhookProvider p : WebhookProvider.values()) {
            from("platform-http:/hooks/" + p.path() + "?httpMethodRestrict=POST").routeId("hook-" + p.path())
                    .process(new WebhookReceiver(p, secret, maxBodyBytes, leader, trigger));
        }
    }
}
