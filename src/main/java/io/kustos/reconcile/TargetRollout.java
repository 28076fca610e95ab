package io.kustos.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.apply.Applier;
import io.kustos.apply.ServerSideApplier;
import io.kustos.plan.ApplyConfig;
import io.kustos.plan.Plan;
import io.kustos.plan.PlanStep;
import io.kustos.plan.RunHook;
import io.kustos.plan.UpdateWorkload;
import io.kustos.render.DesiredState;
import io.kustos.rollout.HookRunner;
import io.kustos.rollout.RolloutWaiter;
import io.kustos.render.SecretScrubber;

import java.time.Clock;
import java.time.Duration;

/**
 * Writes one target's plan in order and sees it through: configs, then pre-deploy hooks (each
 * waited for), then workloads, then waiting for their rollouts within {@code rolloutTimeout}.
 */
final class TargetRollout {
    private final KubernetesClient client;
    private final Applier applier;
    private final Duration rolloutTimeout;
    private final Duration poll;

    TargetRollout(KubernetesClient client, boolean force, Duration rolloutTimeout, Duration poll) {
        this.client = client;
        this.applier = new Applier(new ServerSideApplier(client, force), new io.kustos.apply.Pruner(client));
        this.rolloutTimeout = rolloutTimeout;
        this.poll = poll;
    }

    void dryRun(Plan plan, DesiredState desired) {
        applier.dryRun(plan);
        var hooks = hooks(desired);
        plan.steps().stream().filter(s -> s instanceof RunHook).forEach(s -> hooks.dryRun((RunHook) s, plan.revisions()));
    }

    /** What a rollout did: objects written, and one line for each hook and workload seen through. */
    record Result(int written, java.util.List<String> notes) {
    }

    /** @param runHooks false when rolling back: the old version's hooks already ran */
    Result run(Plan plan, DesiredState desired, boolean runHooks) {
        int written = 0;
        var notes = new java.util.ArrayList<String>();
        for (PlanStep s : plan.steps()) {
            if (s instanceof ApplyConfig) {
                applier.write(s, plan.revisions());
                written++;
            }
        }
        if (runHooks) {
            var hooks = hooks(desired);
            for (PlanStep s : plan.steps()) {
                if (s instanceof RunHook h) {
                    notes.add("hook " + h.hook().name() + ": " + hooks.run(h, plan.revisions()) + " (job " + h.jobName() + ")");
                }
            }
        }
        var workloads = plan.steps().stream().filter(s -> s instanceof UpdateWorkload).map(PlanStep::key).toList();
        for (PlanStep s : plan.steps()) {
            if (s instanceof UpdateWorkload) {
                applier.write(s, plan.revisions());
                written++;
            }
        }
        if (!workloads.isEmpty()) {
            new RolloutWaiter(client, poll, Clock.systemUTC()).await(workloads, rolloutTimeout);
            workloads.forEach(w -> notes.add(w + ": rolled out"));
        }
        for (PlanStep s : plan.steps()) {
            if (s instanceof io.kustos.plan.PruneConfig) {
                applier.write(s, plan.revisions());
                written++;
            }
        }
        return new Result(written, notes);
    }

    private HookRunner hooks(DesiredState desired) {
        return new HookRunner(client, poll, Clock.systemUTC(), new SecretScrubber(desired.configs()));
    }
}
