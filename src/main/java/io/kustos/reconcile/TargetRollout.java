package io.kustos.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.apply.Applier;
import io.kustos.apply.Pruner;
import io.kustos.apply.ServerSideApplier;
import io.kustos.plan.ApplyConfig;
import io.kustos.plan.Plan;
import io.kustos.plan.PlanStep;
import io.kustos.plan.PruneConfig;
import io.kustos.plan.RunHook;
import io.kustos.plan.UpdateWorkload;
import io.kustos.render.DesiredState;
import io.kustos.rollout.HookRunner;
import io.kustos.rollout.RolloutWaiter;
import io.kustos.render.SecretScrubber;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Writes one target's plan phase by phase and sees it through: configs, then pre-deploy hooks
 * (each waited for), then workloads, then waiting for their rollouts within {@code rolloutTimeout},
 * then prunes. The writes of a phase go out concurrently; the next phase starts when all of them
 * succeeded.
 */
final class TargetRollout {
    private final KubernetesClient client;
    private final Applier applier;
    private final Duration rolloutTimeout;
    private final Duration poll;

    /** @param concurrency how many dry runs or writes of one phase may be in flight at once */
    TargetRollout(KubernetesClient client, boolean force, int concurrency, Duration rolloutTimeout, Duration poll) {
        this.client = client;
        this.applier = new Applier(new ServerSideApplier(client, force), new Pruner(client), concurrency);
        this.rolloutTimeout = rolloutTimeout;
        this.poll = poll;
    }

    void dryRun(Plan plan, DesiredState desired) {
        applier.dryRun(plan);
        var hooks = hooks(desired);
        steps(plan, RunHook.class).forEach(h -> hooks.dryRun(h, plan.revisions()));
    }

    /** What a rollout did: objects written, and one line for each hook and workload seen through. */
    record Result(int written, java.util.List<String> notes) {
    }

    /** @param runHooks false when rolling back: the old version's hooks already ran */
    Result run(Plan plan, DesiredState desired, boolean runHooks) {
        long start = System.nanoTime();
        var notes = new java.util.ArrayList<String>();
        var configs = steps(plan, ApplyConfig.class);
        applier.write(configs, plan.revisions());
        long hooksStart = System.nanoTime();
        int hooksRun = 0;
        if (runHooks) {
            var hooks = hooks(desired);
            for (RunHook h : steps(plan, RunHook.class)) {
                notes.add("hook " + h.hook().name() + ": " + hooks.run(h, plan.revisions()) + " (job " + h.jobName() + ")");
                hooksRun++;
            }
        }
        long hooked = System.nanoTime() - hooksStart;
        var workloads = steps(plan, UpdateWorkload.class);
        applier.write(workloads, plan.revisions());
        long waited = 0;
        if (!workloads.isEmpty()) {
            long waitStart = System.nanoTime();
            new RolloutWaiter(client, poll, Clock.systemUTC()).await(workloads.stream().map(w -> w.change().desired()).toList(), rolloutTimeout);
            waited = System.nanoTime() - waitStart;
            workloads.forEach(w -> notes.add(w.key() + ": rolled out"));
        }
        var prunes = steps(plan, PruneConfig.class);
        applier.write(prunes, plan.revisions());
        int written = configs.size() + workloads.size() + prunes.size();
        notes.add(ApplyTiming.line(written, System.nanoTime() - start - waited - hooked, hooksRun, hooked, workloads.size(), waited));
        return new Result(written, notes);
    }

    /** One phase of the plan: its steps of one type, in plan order. */
    private static <T extends PlanStep> List<T> steps(Plan plan, Class<T> type) {
        return plan.steps().stream().filter(type::isInstance).map(type::cast).toList();
    }

    private HookRunner hooks(DesiredState desired) {
        return new HookRunner(client, poll, Clock.systemUTC(), new SecretScrubber(desired.configs()));
    }
}
