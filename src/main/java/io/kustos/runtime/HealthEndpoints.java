package io.kustos.runtime;

import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

import java.util.Collection;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code /healthz} (Camel's liveness checks: the process and its Camel context are alive) and
 * {@code /readyz} (Camel's readiness checks, and {@code kustos-serving}: the webhooks are served):
 * 200 when all are UP, else 503; the body lists the checks Camel reports and {@code kustos-serving}
 * with its detail: leader or standby, and what the last reconcile or poll failed on, which does not
 * make the replica unready.
 */
final class HealthEndpoints {
    /** The readiness line of Kustos itself, from {@link DaemonStatus#readiness()}. */
    static final String SERVING = "kustos-serving";

    private HealthEndpoints() {
    }

    static void liveness(Exchange exchange) {
        answer(exchange, HealthCheckHelper.invokeLiveness(exchange.getContext()), true);
    }

    /** Also DOWN until the daemon serves its webhooks. */
    static void readiness(Exchange exchange, DaemonStatus status) {
        DaemonStatus.Verdict verdict = status.readiness();
        answer(exchange, HealthCheckHelper.invokeReadiness(exchange.getContext()), verdict.ready(), SERVING + ": "
                + (verdict.ready() ? "UP" : "DOWN") + " (" + String.join("; ", verdict.reasons()) + ")");
    }

    /** One line per check Camel lists (those DOWN, and the context): its id, state and message; then {@code extra}. */
    private static void answer(Exchange exchange, Collection<HealthCheck.Result> results, boolean alsoUp, String... extra) {
        boolean up = alsoUp && results.stream().allMatch(r -> r.getState() != HealthCheck.State.DOWN);
        String body = Stream.concat(results.stream()
                        .map(r -> r.getCheck().getId() + ": " + r.getState() + r.getMessage().map(m -> " (" + m + ")").orElse(""))
                        .sorted(), Stream.of(extra))
                .collect(Collectors.joining("\n"));
        HttpAnswers.text(exchange, up ? 200 : 503, (up ? "ok" : "not ready") + (body.isEmpty() ? "" : "\n" + body));
    }
}
