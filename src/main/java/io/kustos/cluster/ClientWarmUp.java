package io.kustos.cluster;

import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kustos.config.Target;
import io.kustos.work.Threads;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A short command's clients made ready on a thread of their own while it polls git and renders
 * (issue 18 point 1, docs/benchmarks.md "CLI start"): each target's client built (its kubeconfig
 * read, its HTTP client made) and its JSON reader prepared for the lists a reconcile reads
 * (ConfigMaps, Secrets, Deployments: Jackson's readers of the whole pod template, ~400 classes).
 * Sends no request. A target whose cluster cannot be resolved is left to the reconcile, which
 * reports it as it always has.
 */
public final class ClientWarmUp implements AutoCloseable {
    private static final List<Class<?>> LISTS = List.of(ConfigMapList.class, SecretList.class, DeploymentList.class);

    private final Thread thread;

    private ClientWarmUp(Runnable work) {
        thread = Threads.daemon("kustos-client-warm-up").newThread(work);
        thread.start();
    }

    /** Starts preparing the clients of {@code targets}; {@link #close()} waits until it has ended. */
    public static ClientWarmUp start(ClusterClients clients, List<Target> targets) {
        return new ClientWarmUp(() -> {
            Set<KubernetesClient> prepared = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Target target : targets) {
                try {
                    KubernetesClient client = clients.forTarget(target);
                    if (prepared.add(client)) {
                        LISTS.forEach(type -> client.getKubernetesSerialization().unmarshal("{\"items\":[{}]}", type));
                    }
                } catch (RuntimeException | LinkageError e) {
                    // the reconcile resolves this target again and reports what is wrong with it (no stack trace here)
                }
            }
        });
    }

    /** Waits until the clients are ready (or their preparing failed), so that none is built after the caller closes them. */
    @Override
    public void close() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
