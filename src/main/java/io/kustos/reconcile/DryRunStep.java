package io.kustos.reconcile;

import io.kustos.diff.Differ;
import io.kustos.live.SecretFingerprints;
import io.kustos.plan.Plan;
import io.kustos.plan.Planner;
import io.kustos.render.DesiredConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Sends every write of the plan as a server-side dry run first: one the server refuses ends the run before any write.
 * A run that read no fingerprint key ({@code kustos preview}, which never creates one) dry-runs the
 * plan keyed with a throwaway key instead, so that the config hash of a workload using a Secret is
 * checked too, and never sent unkeyed.
 */
final class DryRunStep implements Step {
    private static final Logger LOG = LoggerFactory.getLogger(DryRunStep.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Rollouts rollouts;
    private final Differ differ;
    private final Planner planner = new Planner();

    DryRunStep(Rollouts rollouts, Differ differ) {
        this.rollouts = rollouts;
        this.differ = differ;
    }

    @Override
    public Optional<TargetOutcome> run(EnvironmentRun run) {
        if (run.purpose == EnvironmentRun.Purpose.CONFIRM) {
            return Step.next();
        }
        long t0 = System.nanoTime();
        rollouts.of(run).dryRun(keyed(run), run.desired);
        LOG.debug("{}: dry run of {} step(s) in {} ms", run.environment(), run.plan.steps().size(), (System.nanoTime() - t0) / 1_000_000);
        return Step.next();
    }

    /** The run's plan, or, without a fingerprint key where a Secret is desired, the same plan keyed with a throwaway key. */
    private Plan keyed(EnvironmentRun run) {
        if (run.live.fingerprints().keyed() || run.desired.configs().stream().noneMatch(DesiredConfig::isSecret)) {
            return run.plan;
        }
        byte[] key = new byte[SecretFingerprints.KEY_BYTES];
        RANDOM.nextBytes(key);
        try {
            return planner.plan(differ.diff(run.desired, run.live.withFingerprints(SecretFingerprints.keyed(key))));
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }
}
