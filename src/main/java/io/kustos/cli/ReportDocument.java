package io.kustos.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kustos.cluster.RequestCounter;
import io.kustos.diff.ConfigChange;
import io.kustos.diff.Diff;
import io.kustos.live.LiveConfig;
import io.kustos.diff.WorkloadChange;
import io.kustos.failure.KustosException;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.TargetOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A reconcile report as data, for {@code kustos apply -o json|yaml} and {@code kustos diff -o
 * json|yaml}: per environment its outcome and the objects changed, with the names of the keys and
 * images changed. Never a value, nor a fingerprint of one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReportDocument(Revisions revision, List<Environment> environments, Requests requests, String error) {

    record Revisions(String config, String releases) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Environment(String environment, String outcome, Integer written, List<Change> changes, List<String> notes,
                       String restoredTo, String pausedAt, Failure error, List<String> waitingFor) {
    }

    record Failure(String kind, String message) {
        static Failure of(KustosException e) {
            return new Failure(e.kind(), e.getMessage());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Change(String object, String action, List<KeyChange> keys, List<String> metadata, List<ImageChange> images, Boolean restart) {
    }

    record KeyChange(String key, String change) {
    }

    record ImageChange(String container, String from, String to) {
    }

    record Requests(long reads, long dryRuns, long writes, long records, long locks) {
        static Requests of(RequestCounter c) {
            return new Requests(c.reads(), c.dryRuns(), c.writes(), c.records(), c.locks());
        }
    }

    /** The document of {@code report}; {@code requests} (null for diff) as counted by the client. */
    static ReportDocument of(ReconcileReport report, RequestCounter requests) {
        var environments = new ArrayList<Environment>();
        for (TargetOutcome t : report.targets()) {
            environments.add(environment(t));
        }
        return new ReportDocument(new Revisions(report.config().toString(), report.releases().toString()), environments,
                requests == null ? null : Requests.of(requests), report.firstError() == null ? null : report.firstError().getMessage());
    }

    private static Environment environment(TargetOutcome t) {
        String env = t.environment();
        String outcome = t.outcome().word();
        if (t instanceof TargetOutcome.InSync) {
            return new Environment(env, outcome, null, null, null, null, null, null, null);
        } else if (t instanceof TargetOutcome.Applied a) {
            return new Environment(env, outcome, a.written(), changes(a.diff()), a.notes(), null, null, null, null);
        } else if (t instanceof TargetOutcome.Differs d) {
            return new Environment(env, outcome, null, changes(d.diff()), null, null, null, null, null);
        } else if (t instanceof TargetOutcome.Drifted d) {
            return new Environment(env, outcome, null, changes(d.diff()), null, null, null, null, null);
        } else if (t instanceof TargetOutcome.Paused p) {
            return new Environment(env, outcome, null, null, null, null, p.pausedAt().annotation(), null, null);
        } else if (t instanceof TargetOutcome.RolledBack rb) {
            return new Environment(env, outcome, null, changes(rb.rollback()), null, rb.restored().annotation(), null, Failure.of(rb.error()), null);
        } else if (t instanceof TargetOutcome.Held h) {
            return new Environment(env, outcome, null, null, null, null, null, new Failure("held", h.message()), null);
        } else if (t instanceof TargetOutcome.Waiting w) {
            return new Environment(env, outcome, null, null, List.of(w.message()), null, null, null, w.waitingFor());
        }
        return new Environment(env, outcome, null, null, null, null, null, Failure.of(((TargetOutcome.Failed) t).error()), null);
    }

    private static List<Change> changes(Diff diff) {
        var out = new ArrayList<Change>();
        for (ConfigChange c : diff.configs()) {
            var keys = c.entries().stream().map(e -> new KeyChange(e.key(), e.kind().name().toLowerCase(Locale.ROOT))).toList();
            out.add(new Change(c.key().toString(), c.creates() ? "create" : "update", keys, c.metadata(), null, null));
        }
        for (LiveConfig p : diff.prunes()) {
            out.add(new Change(p.key().toString(), "prune", null, null, null, null));
        }
        for (WorkloadChange w : diff.workloads()) {
            var images = new ArrayList<ImageChange>();
            w.oldImages().forEach((container, old) -> images.add(new ImageChange(container, old, w.desired().images().get(container))));
            out.add(new Change(w.key().toString(), "update", null, null, images, w.restartsForConfig() ? Boolean.TRUE : null));
        }
        return out;
    }
}
