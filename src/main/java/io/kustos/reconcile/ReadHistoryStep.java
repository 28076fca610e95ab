package io.kustos.reconcile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Reads the environment's history from the ConfigMap the live lists returned (no GET of its own;
 * its resourceVersion still guards the save). A new commit ends the pause of an emergency
 * rollback ({@link PauseRule#endedBy}), which is saved here.
 */
final class ReadHistoryStep implements Step {
    private static final Logger LOG = LoggerFactory.getLogger(ReadHistoryStep.class);
    private final boolean write;

    /** @param write false for a preview: nothing is saved */
    ReadHistoryStep(boolean write) {
        this.write = write;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        if (run.readBeforeLockStands) {
            run.readBeforeLockStands = false; // the history read (and saved) before the lock stands too
            return Step.next();
        }
        var store = run.access.store();
        run.past = store.read(run.found.history(), run.found.historyParts());
        if (write && PauseRule.endedBy(run.past.state(), run.current())) {
            LOG.info("{}: a new commit ends the pause of the emergency rollback", run.environment());
            run.past = store.save(run.past, run.past.state().withPause(null), null).history();
        }
        return Step.next();
    }
}
