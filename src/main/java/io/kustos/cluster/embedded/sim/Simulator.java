package io.kustos.cluster.embedded.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.cluster.embedded.Json;
import io.kustos.cluster.embedded.LocalApi;
import io.kustos.cluster.embedded.ResourceType;
import io.kustos.work.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs the simulated controllers on one background thread: each stored change to a Deployment,
 * StatefulSet, DaemonSet or Job is acted on after {@link SimulationSettings#reconcileDelay()},
 * as a real controller would, and never inside the request that made it.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    private static final Set<String> WATCHED = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");

    private final SimulationSettings settings;
    private final DeploymentController deployments;
    private final JobController jobs;
    private final WorkloadStatusController workloads;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(Threads.daemon("kustos-embedded-controllers"));
    private final WorkQueue queue = new WorkQueue(executor);

    public Simulator(LocalApi api, SimulationSettings settings) {
        this.settings = settings;
        this.deployments = new DeploymentController(api);
        this.jobs = new JobController(api, settings.jobDuration());
        this.workloads = new WorkloadStatusController(api);
    }

    /** Called for every stored change. */
    public void changed(ResourceType type, ObjectNode object, boolean deleted) {
        if (deleted || !WATCHED.contains(type.kind()) || executor.isShutdown()) {
            return;
        }
        schedule(type, Json.text(object, "metadata", "namespace"), Json.text(object, "metadata", "name"),
                settings.reconcileDelay());
    }

    private void schedule(ResourceType type, String namespace, String name, Duration delay) {
        queue.schedule(type.kind() + "/" + namespace + "/" + name, delay, () -> run(type, namespace, name));
    }

    private void run(ResourceType type, String namespace, String name) {
        try {
            Optional<Duration> again = switch (type.kind()) {
                case "Deployment" -> deployments.reconcile(namespace, name);
                case "Job" -> jobs.reconcile(namespace, name);
                default -> {
                    workloads.reconcile(type, namespace, name);
                    yield Optional.empty();
                }
            };
            again.ifPresent(delay -> schedule(type, namespace, name, delay));
        } catch (RuntimeException e) {
            LOG.warn("simulated {} controller failed on {}/{}", type.kind(), namespace, name, e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
