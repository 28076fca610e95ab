package io.kustos.runtime;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Camel readiness check {@code kustos-serving}, from {@link DaemonStatus#readiness()}: UP once the
 * daemon serves webhooks, whatever its reconciles did (their outcome is in the message and in
 * {@code GET /status}).
 */
final class ServingReadinessCheck extends AbstractHealthCheck {
    static final String ID = "kustos-serving";

    private final DaemonStatus status;

    ServingReadinessCheck(DaemonStatus status) {
        super("kustos", ID);
        this.status = status;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        DaemonStatus.Verdict verdict = status.readiness();
        builder.message(String.join("; ", verdict.reasons()));
        if (verdict.ready()) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
