package io.kustos.rollout;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.apply.Applier;
import io.kustos.apply.Pruner;
import io.kustos.apply.ServerSideApplier;
import io.kustos.plan.Plan;
import io.kustos.plan.RunHook;
import io.kustos.render.DesiredState;
import io.kustos.render.SecretScrubber;
import io.kustos.work.FaultPoint;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one target's plan phase by phase and sees it through: configs, then pre-deploy hooks
 * (each waited for), then workloads, then waiting for their rollouts within {@code rolloutTimeout},
 * then prunes. The writes of a phase go out concurrently; the next phase starts when all of them
 * succeeded.
 */
public final class PlanRollout {
    private final KubernetesClient client;
    private final Applier applier;
    private final Duration rolloutTimeout;
    private final Duration poll;
    private final Clock clock;

    /**
     * @param concurrency how many dry runs or writes of one phase may be in flight at once
     * @param clock what rollout and hook deadlines are measured by
     */
    public PlanRollout(KubernetesClient client, boolean force, int concurrency, Duration rolloutTimeout, Duration poll, Clock clock) {
        this.client = client;
        this.applier = new Applier(new ServerSideApplier(client, force), new Pruner(client), concurrency);
        this.rolloutTimeout = rolloutTimeout;
        this.poll = poll;
        this.clock = clock;
    }

    /** The server-side dry run of every write of the plan, and of its hooks' Jobs; writes nothing. */
    public void dryRun(Plan plan, DesiredState desired) {
        applier.dryRun(plan);
        var hooks = hooks(desired);
        plan.hooks().forEach(h -> hooks.dryRun(h, plan.revisions()));
        FaultPoint.DRY_RUN.reach();
    }

    /** What a rollout did: objects written, and one line for each hook and workload seen through. */
    public record Result(int written, List<String> notes) {
    }

    /** @param runHooks false when rolling back: the old version's hooks already ran */
    public Result run(Plan plan, DesiredState desired, boolean runHooks) {
        return run(plan, desired, runHooks, phase -> { });
    }

    /**
     * @param runHooks    false when rolling back: the old version's hooks already ran
     * @param beforePhase told before each phase that writes ("writing the configs", "running the pre-deploy hooks", "writing
     *                    the workloads", "pruning"); what it throws stops the rollout there, writing nothing more
     */
    public Result run(Plan plan, DesiredState desired, boolean runHooks, java.util.function.Consumer<String> beforePhase) {
        long start = System.nanoTime();
        var notes = new ArrayList<String>();
        beforePhase.accept("writing the configs");
        applier.writeConfigs(plan.configs(), plan.revisions());
        long hooksStart = System.nanoTime();
        int hooksRun = 0;
        if (runHooks && !plan.hooks().isEmpty()) {
            beforePhase.accept("running the pre-deploy hooks");
            var hooks = hooks(desired);
            for (RunHook h : plan.hooks()) {
                notes.add("hook " + h.hook().name() + ": " + hooks.run(h, plan.revisions()) + " (job " + h.jobName() + ")");
                hooksRun++;
            }
        }
        long hooked = System.nanoTime() - hooksStart;
        var workloads = plan.workloads();
        beforePhase.accept("writing the workloads");
        applier.writeWorkloads(workloads, plan.revisions());
        long waited = 0;
        if (!workloads.isEmpty()) {
            FaultPoint.ROLLOUT_WAIT.reach();
            long waitStart = System.nanoTime();
            new RolloutWaiter(client, poll, clock).await(workloads.stream().map(w -> w.change().desired()).toList(), rolloutTimeout);
            waited = System.nanoTime() - waitStart;
            workloads.forEach(w -> notes.add(w.key() + ": rolled out"));
        }
        beforePhase.accept("pruning");
        applier.prune(plan.prunes());
        int written = plan.configs().size() + workloads.size() + plan.prunes().size();
        notes.add(ApplyTiming.line(written, System.nanoTime() - start - waited - hooked, hooksRun, hooked, workloads.size(), waited));
        return new Result(written, notes);
    }

    private HookRunner hooks(DesiredState desired) {
        return new HookRunner(client, poll, clock, new SecretScrubber(desired.configs()));
    }
}
