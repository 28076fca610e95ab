package io.kustos.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * {@code /healthz} (Camel's liveness checks: the process and its Camel context are alive) and
 * {@code /readyz} (Camel's readiness checks, including {@code kustos-reconcile}): 200 when all are
 * UP, else 503; the body lists each check and why it is down.
 */
final class HealthEndpoints {
    private HealthEndpoints() {
    }

    static void liveness(Exchange exchange) {
        answer(exchange, HealthCheckHelper.invokeLiveness(exchange.getContext()), "");
    }

    static void readiness(Exchange exchange) {
        DaemonStatus status = exchange.getContext().getRegistry().lookupByNameAndType("kustosStatus", DaemonStatus.class);
        answer(exchange, HealthCheckHelper.invokeReadiness(exchange.getContext()),
                status == null ? "" : "\nkustos: " + String.join("; ", status.readiness().reasons()));
    }

    /** Camel lists the checks that are DOWN, and the context; {@code extra} is appended. */
    private static void answer(Exchange exchange, Collection<HealthCheck.Result> results, String extra) {
        boolean up = results.stream().allMatch(r -> r.getState() != HealthCheck.State.DOWN);
        String body = results.stream()
                .map(r -> r.getCheck().getId() + ": " + r.getState() + r.getMessage().map(m -> " (" + m + ")").orElse(""))
                .sorted().collect(Collectors.joining("\n"));
        HttpAnswers.text(exchange, up ? 200 : 503, (up ? "ok" : "not ready") + (body.isEmpty() ? "" : "\n" + body) + extra);
    }
}
