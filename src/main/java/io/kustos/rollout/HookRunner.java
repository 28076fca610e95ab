package io.kustos.rollout;

import io.kustos.failure.FailureReason;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kustos.apply.ServerSideApplier;
import io.kustos.cluster.ApplyException;
import io.kustos.plan.RunHook;
import io.kustos.render.ObjectKey;
import io.kustos.failure.TransientException;
import io.kustos.render.SourceRevisions;
import io.kustos.work.FaultPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Runs a pre-deploy hook Job and waits for it within the hook's timeout. A hook runs once per
 * version: a hook whose Job succeeded is recorded on the workload ({@link HookRecord}) and its Job
 * deleted, and a recorded hook is not run again. A Job that failed before is deleted and run
 * again: this code is reached for a failed revision only on {@code kustos apply --retry} or a new
 * commit. A failure reports the Job's reason and the last lines of its pod's log, with the
 * target's Secret values removed.
 */
public final class HookRunner {
    private static final Logger LOG = LoggerFactory.getLogger(HookRunner.class);
    private static final int LOG_LINES = 20;
    private static final Duration DELETE_WAIT = Duration.ofMinutes(1);

    private final KubernetesClient client;
    private final Duration poll;
    private final Clock clock;
    private final UnaryOperator<String> scrub;
    private ServerSideApplier applier;

    public HookRunner(KubernetesClient client, Duration poll, Clock clock, UnaryOperator<String> scrub) {
        this.client = client;
        this.poll = poll;
        this.clock = clock;
        this.scrub = scrub;
    }

    /** Creates the Job, or finds it from an earlier run, and waits for it. @return what happened, for the report */
    public String run(RunHook step, SourceRevisions rev) {
        String ns = step.workload().key().namespace();
        Job job = get(ns, step.jobName());
        if (job != null && succeeded(job)) {
            finished(step, job);
            LOG.info("hook {} already ran for this version (job {}): not running it again", step.hook().name(), step.jobName());
            return "already ran for this version";
        }
        if (HookRecord.succeeded(step)) {
            LOG.info("hook {} already ran for this version (job {}, recorded on {}): not running it again",
                    step.hook().name(), step.jobName(), step.workload().key());
            return "already ran for this version";
        }
        if (job != null && failure(job) != null) {
            LOG.info("hook {} failed before (job {}): running it again", step.hook().name(), step.jobName());
            delete(job);
            awaitGone(job);
            job = null;
        }
        if (job == null) {
            LOG.info("running hook {} of {} as job {}", step.hook().name(), step.workload().key(), step.jobName());
            apply(step, rev, false);
            FaultPoint.HOOK_CREATED.reach();
        }
        Instant deadline = clock.instant().plus(step.hook().timeout()).plusSeconds(30);
        while (true) {
            job = get(ns, step.jobName());
            if (job != null && succeeded(job)) {
                LOG.info("hook {} succeeded (job {})", step.hook().name(), step.jobName());
                FaultPoint.HOOK_SUCCEEDED.reach();
                finished(step, job);
                return "succeeded";
            }
            String failure = job == null ? "the Job was deleted" : failure(job);
            if (failure == null && clock.instant().isAfter(deadline)) {
                failure = "did not finish within " + step.hook().timeout().toSeconds() + "s";
            }
            if (failure != null) {
                throw new RolloutFailedException(origin(step) + ": hook " + step.hook().name() + " of " + step.workload().key() + " (job "
                        + step.jobName() + ") failed: " + failure + logs(ns, step.jobName()) + "\n  "
                        + step.workload().key() + " was not changed", FailureReason.HOOK_FAILED);
            }
            sleep();
        }
    }

    /** Records the success on the workload, then deletes the Job (a Job left behind is only untidy: logged). */
    private void finished(RunHook step, Job job) {
        HookRecord.save(applier(), step);
        try {
            delete(job);
        } catch (TransientException e) {
            LOG.warn("hook {} succeeded, but its job is left behind: {}", step.hook().name(), e.getMessage());
        }
    }

    /** Deletes the Job and, in the background, its pods. */
    private void delete(Job job) {
        String ns = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName();
        try {
            client.batch().v1().jobs().inNamespace(ns).withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            throw new TransientException("cannot delete job " + ns + "/" + name + ": " + e.getMessage(), FailureReason.CLUSTER_UNREACHABLE, e);
        }
    }

    /** Waits until the Job is gone (or replaced), so the hook's new run is a new Job. */
    private void awaitGone(Job job) {
        String ns = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName();
        Instant deadline = clock.instant().plus(DELETE_WAIT);
        while (true) {
            Job now = get(ns, name);
            if (now == null || !now.getMetadata().getUid().equals(job.getMetadata().getUid())) {
                return;
            }
            if (clock.instant().isAfter(deadline)) {
                throw new TransientException("job " + ns + "/" + name + " is still there " + DELETE_WAIT.toSeconds()
                        + "s after it was deleted to run the hook again", FailureReason.TIMED_OUT, null);
            }
            sleep();
        }
    }

    /** Whether the hook's Job already succeeded for this version, as its workload records: it would not run again. */
    public static boolean alreadyRan(RunHook step) {
        return HookRecord.succeeded(step);
    }

    /** The server-side dry run of the Job. */
    public void dryRun(RunHook step, SourceRevisions rev) {
        if (get(step.workload().key().namespace(), step.jobName()) == null) {
            apply(step, rev, true);
        }
    }

    /**
     * The server-side apply of the hook's Job (or its dry run), sent and sent again as Kustos's other writes are
     * ({@link ServerSideApplier#applyAs}): a refusal fails the hook, a failure that may pass is thrown as what it is.
     */
    private void apply(RunHook step, SourceRevisions rev, boolean dryRun) {
        Job job = HookJobs.build(step, rev);
        var key = new ObjectKey("batch/v1", "Job", job.getMetadata().getNamespace(), job.getMetadata().getName());
        try {
            applier().applyAs(ServerSideApplier.FIELD_MANAGER, key, job, false, dryRun, scrub,
                    "hook " + step.hook().name() + " (job " + step.jobName() + ")");
        } catch (ApplyException e) { // "hook migrate (job …): server-side dry run was forbidden by the API server: …"
            throw new RolloutFailedException(origin(step) + ": " + e.getMessage(), FailureReason.HOOK_FAILED);
        }
    }

    /** The writes' applier (a client without fabric8's own retry), made when first needed (by whichever thread first needs it). */
    private synchronized ServerSideApplier applier() {
        if (applier == null) {
            applier = new ServerSideApplier(client, false);
        }
        return applier;
    }

    /** Where the hook is declared: the release manifest its workload came from, and the hook's key path there. */
    private static String origin(RunHook step) {
        return step.workload().desired().file() + ": " + step.hook().path();
    }

    private Job get(String ns, String name) {
        try {
            return client.batch().v1().jobs().inNamespace(ns).withName(name).get();
        } catch (KubernetesClientException e) {
            throw new TransientException("cannot read job " + ns + "/" + name + ": " + io.kustos.cluster.ApiFailures.describe(e, client),
                    FailureReason.CLUSTER_UNREACHABLE, e);
        }
    }

    private static boolean succeeded(Job job) {
        return condition(job, "Complete") != null;
    }

    private static String failure(Job job) {
        JobCondition c = condition(job, "Failed");
        return c == null ? null : c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }

    private static JobCondition condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return null;
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst().orElse(null);
    }

    /** The newest pod's termination and log tail, Secret values removed; "" when there is none. */
    private String logs(String ns, String job) {
        try {
            List<Pod> pods = client.pods().inNamespace(ns).withLabel("job-name", job).list().getItems();
            Pod pod = pods.stream().max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp())).orElse(null);
            if (pod == null) {
                return "";
            }
            String log = client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).tailingLines(LOG_LINES).getLog();
            if (log == null || log.isBlank()) {
                return "";
            }
            return "\n  last lines of pod " + pod.getMetadata().getName() + ":\n    " + scrub.apply(log.strip()).replace("\n", "\n    ");
        } catch (KubernetesClientException e) {
            return "\n  (no pod log: " + e.getCode() + ")";
        }
    }

    private void sleep() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted while waiting for a hook", FailureReason.INTERRUPTED, e);
        }
    }
}
