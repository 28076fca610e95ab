package io.kustos.testsupport;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the kubelet the real API server lacks (realkube has no scheduler or kubelet):
 * every 200 ms it moves the pods of one namespace on through the status subresource. A Job's pod
 * succeeds, or fails when its command says {@code fail-on-purpose} (or {@code fail-first-try}, and it
 * is the first pod of a Job of that name: a transient failure); a ReplicaSet's pod becomes
 * Running and Ready, unless its image tag says {@code crashloop} (it then stays Pending, and the
 * Deployment misses its progress deadline). The embedded cluster simulates this itself, so there
 * it does nothing.
 */
public final class FakeKubelet implements AutoCloseable {
    private final ScheduledExecutorService loop;
    /** The first pod of each Job name that says fail-first-try (it fails; later ones succeed). */
    private static final Map<String, String> FIRST_TRIES = new ConcurrentHashMap<>();

    private FakeKubelet(ScheduledExecutorService loop) {
        this.loop = loop;
    }

    public static FakeKubelet start(TestCluster cluster, String namespace) {
        if (!cluster.name().equals("realkube")) {
            return new FakeKubelet(null);
        }
        var loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-kubelet");
            t.setDaemon(true);
            return t;
        });
        KubernetesClient client = cluster.client();
        loop.scheduleWithFixedDelay(() -> tick(client, namespace), 0, 200, TimeUnit.MILLISECONDS);
        return new FakeKubelet(loop);
    }

    private static void tick(KubernetesClient client, String ns) {
        try {
            for (Pod pod : client.pods().inNamespace(ns).list().getItems()) {
                if (pod.getStatus() != null && pod.getStatus().getPhase() != null && !"Pending".equals(pod.getStatus().getPhase())) {
                    continue;
                }
                String owner = pod.getMetadata().getOwnerReferences() == null || pod.getMetadata().getOwnerReferences().isEmpty()
                        ? "" : pod.getMetadata().getOwnerReferences().get(0).getKind();
                List<Container> containers = pod.getSpec().getContainers();
                if (owner.equals("Job")) {
                    boolean fail = says(containers, "fail-on-purpose") || says(containers, "fail-first-try")
                            && FIRST_TRIES.computeIfAbsent(ns + "/" + pod.getMetadata().getOwnerReferences().get(0).getName(),
                                    job -> pod.getMetadata().getUid()).equals(pod.getMetadata().getUid());
                    setPhase(client, pod, fail ? "Failed" : "Succeeded", false);
                } else if (owner.equals("ReplicaSet")) {
                    if (containers.stream().noneMatch(c -> c.getImage().contains("crashloop"))) {
                        setPhase(client, pod, "Running", true);
                    }
                }
            }
        } catch (KubernetesClientException e) {
            // a conflict or a pod that just went away: the next tick tries again
        }
    }

    private static boolean says(List<Container> containers, String word) {
        return containers.stream().anyMatch(c -> String.valueOf(c.getCommand()).contains(word) || String.valueOf(c.getArgs()).contains(word));
    }

    private static void setPhase(KubernetesClient client, Pod pod, String phase, boolean ready) {
        String now = Instant.now().toString().replaceAll("\\.\\d+Z$", "Z");
        var status = pod.getStatus() == null ? new io.fabric8.kubernetes.api.model.PodStatus() : pod.getStatus();
        status.setPhase(phase);
        status.setStartTime(now);
        if (ready) {
            status.setConditions(List.of(condition("PodScheduled", now), condition("Initialized", now),
                    condition("ContainersReady", now), condition("Ready", now)));
        }
        pod.setStatus(status);
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).updateStatus();
    }

    private static PodCondition condition(String type, String now) {
        return new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now).build();
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.shutdownNow();
        }
    }
}
