package io.kustos.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.builder.RouteBuilder;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The daemon's routes: the poll timer, {@code /healthz}, {@code /readyz}, {@code /status} and
 * {@code /metrics}, on {@code server.port} (the webhooks are mounted beside them by
 * {@link WebhookRoutes}). They only decide; the reconcile runs on the {@link SingleFlight} worker.
 */
final class DaemonRoutes extends RouteBuilder {
    /** How often the timer looks whether a poll is due (the schedule itself has jitter and backoff). */
    static final Duration TICK = Duration.ofMillis(500);

    private final PollSchedule schedule;
    private final BooleanSupplier leader;
    private final Consumer<String> trigger;
    private final DaemonStatus status;
    private final PrometheusMeterRegistry registry;

    DaemonRoutes(PollSchedule schedule, BooleanSupplier leader, Consumer<String> trigger, DaemonStatus status,
                 PrometheusMeterRegistry registry) {
        this.schedule = schedule;
        this.leader = leader;
        this.trigger = trigger;
        this.status = status;
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
        from("platform-http:/readyz?httpMethodRestrict=GET").routeId("readyz").process(e -> HealthEndpoints.readiness(e, status));
        from("platform-http:/status?httpMethodRestrict=GET").routeId("status")
                .process(e -> HttpAnswers.answer(e, 200, "application/json", status.json() + "\n"));
        from("platform-http:/metrics?httpMethodRestrict=GET").routeId("metrics")
                .process(e -> HttpAnswers.answer(e, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    }
}
