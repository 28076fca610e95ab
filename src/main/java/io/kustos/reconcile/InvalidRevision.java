package io.kustos.reconcile;

import io.kustos.config.Target;
import io.kustos.failure.KustosException;
import io.kustos.history.EventRecorder;
import io.kustos.history.HistoryRecord;
import io.kustos.history.HistoryStore;
import io.kustos.history.RecordBuilder;
import io.kustos.outcome.Outcome;
import io.kustos.render.SourceRevisions;
import io.kustos.source.RevisionPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;

/**
 * A revision refused before any write for one target (its files do not render or decrypt, a workload is missing, the server refuses its dry run): it is
 * recorded once in the target's history with the outcome {@code failed} and the error, with one
 * Warning Event {@code InvalidRevision} on its kustos-history ConfigMap (as Flux's BuildFailed). No
 * other object is written. The error messages name files and key paths, never values.
 * <p>
 * It is not made the target's last failed revision: a render that fails every time needs no hold,
 * and one that failed for this machine (its decryption key) is applied once the machine is fixed,
 * without a new commit or {@code --retry}.
 */
final class InvalidRevision {
    static final String REASON = "InvalidRevision";
    private static final Logger LOG = LoggerFactory.getLogger(InvalidRevision.class);

    private InvalidRevision() {
    }

    /**
     * Records {@code error} for {@code target} at {@code revisions} unless {@link #recorded} already,
     * or on {@code --retry}. A failure to read or write the history is logged: the render error is
     * what the report carries.
     */
    static void record(Target target, HistoryStore store, EventRecorder events, SourceRevisions revisions, KustosException error,
                       boolean retry) {
        Instant start = Instant.now();
        RevisionPair current = revisions.pair();
        try {
            var past = store.load();
            if (!retry && recorded(past.records(), current, error.getMessage())) {
                return;
            }
            store.save(past, past.state(), RecordBuilder.of(past.nextNumber(), target.environment(), revisions,
                    null, Outcome.FAILED, error.getMessage(), start, Instant.now()));
            events.record(target.namespace(), REASON, current + ": " + error.getMessage(), List.of(), true);
        } catch (KustosException e) {
            LOG.warn("{}: could not record the invalid revision {}: {}", target.environment(), current, e.getMessage());
        }
    }

    /** Whether {@code records} hold this failure already: a {@code failed} record of the same revisions and error. */
    static boolean recorded(List<HistoryRecord> records, RevisionPair revisions, String message) {
        return records.stream().anyMatch(r -> r.outcome() == Outcome.FAILED && r.isOf(revisions)
                && message.equals(r.message()));
    }
}
