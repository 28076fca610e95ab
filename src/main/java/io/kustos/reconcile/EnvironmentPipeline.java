package io.kustos.reconcile;

import io.kustos.failure.KustosException;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The steps one environment goes through for one revision, in order, each over the same
 * {@link EnvironmentRun}; the first step that returns an outcome ends it. {@code kustos apply},
 * {@code kustos diff}, drift healing and rollbacks are the same steps stopped at different places
 * ({@link Pipelines}). A failure a step throws ends the run as {@link TargetOutcome.Failed}: one
 * environment's failure never reaches another's.
 *
 * @param name      for logs: apply, diff, heal, restore
 * @param onFailure told of the failure that ended a run, before it becomes the outcome
 */
record EnvironmentPipeline(String name, List<Step> steps, BiConsumer<EnvironmentRun, KustosException> onFailure) {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EnvironmentPipeline.class);
    EnvironmentPipeline {
        steps = List.copyOf(steps);
    }

    EnvironmentPipeline(String name, List<Step> steps) {
        this(name, steps, (run, e) -> { });
    }

    TargetOutcome run(EnvironmentRun run) {
        // at DEBUG, where the run's time went, step by step (a profile of one commit, from the log)
        StringBuilder took = LOG.isDebugEnabled() ? new StringBuilder() : null;
        try {
            for (Step step : steps) {
                long start = took == null ? 0 : System.nanoTime();
                Optional<TargetOutcome> outcome = step.run(run);
                if (took != null) {
                    took.append(took.isEmpty() ? "" : ", ").append(step.getClass().getSimpleName()).append(' ')
                            .append((System.nanoTime() - start) / 100_000 / 10.0);
                }
                if (outcome.isPresent()) {
                    return outcome.get();
                }
            }
        } catch (KustosException e) {
            LOG.debug("revision not applied ({}): {}", e.kind(), e.getMessage()); // the report carries it
            onFailure.accept(run, e);
            return new TargetOutcome.Failed(run.environment(), e);
        } finally {
            release(run);
            if (took != null) {
                LOG.debug("{} steps (ms): {}", name, took);
            }
        }
        throw new IllegalStateException("the " + name + " pipeline of " + run.environment() + " ended without an outcome");
    }

    /** Gives up the write lock a step took, once the run has ended (written, waited for, recorded). */
    private static void release(EnvironmentRun run) {
        if (run.lock != null) {
            try {
                run.lock.close();
            } catch (Exception e) {
                LOG.warn("{}: could not release the write lock: {}", run.environment(), e.getMessage());
            }
            run.lock = null;
        }
    }
}
