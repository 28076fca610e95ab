package io.kustos.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

import java.util.Collection;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code /healthz} (Camel's liveness checks: the process and its Camel context are alive) and
 * {@code /readyz} (Camel's readiness checks, including {@code kustos-serving}: the webhooks are
 * served): 200 when all are UP, else 503; the body lists each check with its detail (for
 * {@code kustos-serving}: leader or standby, and what the last reconcile or poll failed on, which
 * does not make the replica unready).
 */
final class HealthEndpoints {
    private HealthEndpoints() {
    }

    static void liveness(Exchange exchange) {
        answer(exchange, HealthCheckHelper.invokeLiveness(exchange.getContext()));
    }

    static void readiness(Exchange exchange, DaemonStatus status) {
        DaemonStatus.Verdict verdict = status.readiness();
        answer(exchange, HealthCheckHelper.invokeReadiness(exchange.getContext()), ServingReadinessCheck.ID + ": "
                + (verdict.ready() ? "UP" : "DOWN") + " (" + String.join("; ", verdict.reasons()) + ")");
    }

    /** One line per check Camel lists (those DOWN, and the context): its id, state and message; then {@code extra}. */
    private static void answer(Exchange exchange, Collection<HealthCheck.Result> results, String... extra) {
        boolean up = results.stream().allMatch(r -> r.getState() != HealthCheck.State.DOWN);
        String body = Stream.concat(results.stream().filter(r -> !r.getCheck().getId().equals(ServingReadinessCheck.ID))
                        .map(r -> r.getCheck().getId() + ": " + r.getState() + r.getMessage().map(m -> " (" + m + ")").orElse(""))
                        .sorted(), Stream.of(extra))
                .collect(Collectors.joining("\n"));
        HttpAnswers.text(exchange, up ? 200 : 503, (up ? "ok" : "not ready") + (body.isEmpty() ? "" : "\n" + body));
    }
}
