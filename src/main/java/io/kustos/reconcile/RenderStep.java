package io.kustos.reconcile;

import io.kustos.failure.StallingException;
import io.kustos.render.RenderException;
import io.kustos.render.SourceRevisions;

import java.util.Optional;

/**
 * Renders the environment's desired state from the run's snapshots (validation and decryption
 * included). Invalid input ends this environment's run only, each problem at its file, line and key
 * path ({@link RenderException#locatedIn}, as {@code kustos validate} places it); with
 * {@code recordInvalid} (kustos apply and the daemon) it is recorded once in its history ({@link InvalidRevision}).
 */
final class RenderStep implements Step {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RenderStep.class);
    private final RenderCache cache;
    private final boolean keep;
    private final boolean recordInvalid;

    /** @param keep cache the result (the heads); false for older revisions */
    RenderStep(RenderCache cache, boolean keep, boolean recordInvalid) {
        this.cache = cache;
        this.keep = keep;
        this.recordInvalid = recordInvalid;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        try {
            run.desired = keep ? cache.render(run.config, run.releases, run.access.target())
                    : cache.renderOnce(run.config, run.releases, run.access.target());
            return Step.next();
        } catch (StallingException e) {
            StallingException error = e instanceof RenderException r ? r.locatedIn(run.config, run.releases) : e;
            LOG.debug("revision not applied ({}): {}", error.kind(), error.getMessage()); // the report carries it
            if (recordInvalid) {
                InvalidRevision.record(run.access.target(), run.access.store(), run.access.events(),
                        SourceRevisions.of(run.config, run.releases), error, run.retry);
            }
            return Step.stop(new TargetOutcome.Failed(run.environment(), error));
        }
    }

}
