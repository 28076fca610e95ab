package io.kustos.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.failure.KustosException;
import io.kustos.outcome.Outcome;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the daemon knows about itself: the last outcome of every environment, the last poll of the
 * sources, whether a reconcile runs and whether this replica leads. Written by the reconcile
 * worker; read by {@code /readyz} (a detail only: readiness means "can serve webhooks", as
 * controller-runtime keeps readyz apart from the reconcile status) and {@code GET /status} (JSON).
 * Thread-safe; holds error messages, which never carry a secret value.
 */
public final class DaemonStatus {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param ready whether to answer 200; @param reasons one line each, no secret values */
    public record Verdict(boolean ready, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }

    /** The last reconcile of one environment: its outcome (shown as its metrics label), revisions, error, time. */
    public record EnvironmentState(Outcome outcome, boolean ok, String config, String releases, String error, Instant at) {
    }

    /** The last poll of the sources: whether it reached both remotes, the error, when. */
    public record PollState(boolean ok, String error, Instant at) {
    }

    private final List<String> environments;
    private final BooleanSupplier inProgress;
    private final BooleanSupplier leader;
    private final Clock clock;
    private final Map<String, EnvironmentState> last = new LinkedHashMap<>();
    private PollState poll;
    private boolean serving;
    /** The environments this replica owns (sharding); null without sharding. */
    private java.util.function.Supplier<java.util.Set<String>> owned;
    /** With sharding: what keeps it from taking part (null when nothing does). */
    private java.util.function.Supplier<String> shardingTrouble = () -> null;

    /** @param inProgress whether a reconcile runs now; @param leader whether this replica may reconcile */
    public DaemonStatus(List<String> environments, BooleanSupplier inProgress, BooleanSupplier leader, Clock clock) {
        this.environments = List.copyOf(environments);
        this.inProgress = inProgress;
        this.leader = leader;
        this.clock = clock;
    }

    /** With sharding: this replica reconciles only {@code owned}, and says so (role {@code sharded}, {@code owns}). */
    public synchronized DaemonStatus sharded(java.util.function.Supplier<java.util.Set<String>> owned) {
        return sharded(owned, () -> null);
    }

    /**
     * As {@link #sharded(java.util.function.Supplier)}; {@code trouble} says what keeps the replica from taking part in
     * sharding (its Leases forbidden, no such namespace, the API server unreachable), null when nothing does: not ready then.
     */
    public synchronized DaemonStatus sharded(java.util.function.Supplier<java.util.Set<String>> owned,
                                             java.util.function.Supplier<String> trouble) {
        this.owned = owned;
        this.shardingTrouble = trouble;
        return this;
    }

    /** The HTTP server answers and the webhooks are mounted: from now on the replica is ready. */
    public synchronized void serving() {
        serving = true;
    }

    public synchronized void polled(KustosException error) {
        poll = new PollState(error == null, error == null ? null : error.kind() + ": " + error.getMessage(), clock.instant());
    }

    public synchronized void reported(ReconcileReport report) {
        for (TargetOutcome t : report.targets()) {
            String error = null;
            if (t instanceof TargetOutcome.Failed f) {
                error = f.error().kind() + ": " + f.error().getMessage();
            } else if (t instanceof TargetOutcome.Held h) {
                error = "held: " + h.message();
            } else if (t instanceof TargetOutcome.Waiting w) {
                error = w.message();
            } else if (t instanceof TargetOutcome.RolledBack r) {
                error = "rolled back to " + r.restored() + " after " + r.error().kind() + ": " + r.error().getMessage();
            }
            last.put(t.environment(), new EnvironmentState(t.outcome(), t.outcome().succeeded(),
                    report.config().toString(), report.releases().toString(), error, clock.instant()));
        }
    }

    /**
     * Ready once serving, leader or standby, whatever the reconciles did: a failed reconcile must
     * not take the pod out of the Service that brings the webhook of the fixing commit. The
     * reasons say the role and what failed, for people reading {@code /readyz}. A sharded replica that
     * cannot read or write its Leases (forbidden, no such namespace, unreachable) is not ready: it owns
     * nothing and cannot record a webhook's request for the owners.
     */
    public synchronized Verdict readiness() {
        List<String> reasons = new ArrayList<>();
        if (!serving) {
            reasons.add("not serving yet");
        }
        if (!leader.getAsBoolean()) {
            reasons.add("standby: another replica holds the lease");
            return new Verdict(serving, reasons);
        }
        java.util.Set<String> mine = owned == null ? null : owned.get();
        String role = mine == null ? "leader" : "sharded: owns " + io.kustos.text.Plural.of(mine.size(), "environment") + " of "
                + environments.size();
        reasons.add(inProgress.getAsBoolean() ? role + ", reconcile in progress" : role);
        String trouble = shardingTrouble.get();
        if (trouble != null) {
            reasons.add(trouble); // it cannot own an environment nor record a webhook's request: out of the Service until it can
        }
        if (poll != null && !poll.ok()) {
            reasons.add("sources: " + poll.error());
        }
        for (String env : mine == null ? environments : environments.stream().filter(mine::contains).toList()) {
            EnvironmentState s = last.get(env);
            if (s != null && !s.ok()) {
                reasons.add(env + ": " + s.error());
            }
        }
        return new Verdict(serving && trouble == null, reasons);
    }

    /** {@code GET /status}: role, whether a reconcile runs, the last poll and every environment's last outcome. */
    public synchronized String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("role", owned != null ? "sharded" : leader.getAsBoolean() ? "leader" : "standby");
        if (owned != null) {
            var owns = root.putArray("owns");
            environments.stream().filter(owned.get()::contains).forEach(owns::add);
        }
        root.put("reconciling", inProgress.getAsBoolean());
        ObjectNode sources = root.putObject("sources");
        sources.put("polled", poll != null);
        if (poll != null) {
            sources.put("ok", poll.ok());
            sources.put("error", poll.error());
            sources.put("at", poll.at().toString());
        }
        ObjectNode envs = root.putObject("environments");
        for (String env : environments) {
            ObjectNode e = envs.putObject(env);
            EnvironmentState s = last.get(env);
            e.put("reconciled", s != null);
            if (s != null) {
                e.put("outcome", s.outcome().metricLabel());
                e.put("ok", s.ok());
                ObjectNode revision = e.putObject("revision");
                revision.put("config", s.config());
                revision.put("releases", s.releases());
                e.put("error", s.error());
                e.put("at", s.at().toString());
            }
        }
        return root.toPrettyString();
    }
}
