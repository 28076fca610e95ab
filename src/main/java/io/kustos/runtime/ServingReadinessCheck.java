package io.kustos.runtime;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/** Camel readiness check {@code kustos-reconcile}, from {@link DaemonStatus#readiness()}. */
final class ReconcileReadinessCheck extends AbstractHealthCheck {
    private final DaemonStatus status;

    ReconcileReadinessCheck(DaemonStatus status) {
        super("kustos", "kustos-reconcile");
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
