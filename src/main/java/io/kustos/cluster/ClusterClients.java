package io.kustos.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.config.Target;
import io.kustos.reconcile.StallingException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One fabric8 client per distinct cluster the targets name. Which kubeconfig: the command line's
 * {@code --kubeconfig}, else the target's, else fabric8's usual order ($KUBECONFIG,
 * ~/.kube/config, the in-cluster service account). All clients share one {@link RequestCounter}.
 */
public final class ClusterClients implements AutoCloseable {
    private final Path kubeconfigOverride;
    private final String contextOverride;
    private final RequestCounter counter = new RequestCounter();
    private final Map<String, KubernetesClient> clients = new LinkedHashMap<>();
    /** Not counted: lease renewals are not reconcile requests. */
    private KubernetesClient home;

    public ClusterClients(Path kubeconfigOverride, String contextOverride) {
        this.kubeconfigOverride = kubeconfigOverride;
        this.contextOverride = contextOverride;
    }

    public synchronized KubernetesClient forTarget(Target target) {
        Path kubeconfig = kubeconfigOverride != null ? kubeconfigOverride : target.kubeconfig();
        String context = contextOverride != null ? contextOverride : target.context();
        String id = kubeconfig + "|" + context;
        return clients.computeIfAbsent(id, k -> build(kubeconfig, context, true));
    }

    /**
     * The cluster Kustos itself runs in, for its Lease: {@code --kubeconfig}/{@code --context} when
     * given, else fabric8's usual order (the in-cluster service account in a pod).
     */
    public synchronized KubernetesClient home() {
        if (home == null) {
            home = build(kubeconfigOverride, contextOverride, false);
        }
        return home;
    }

    public RequestCounter counter() {
        return counter;
    }

    private KubernetesClient build(Path kubeconfig, String context, boolean counted) {
        Config config;
        if (kubeconfig != null) {
            if (!Files.isRegularFile(kubeconfig)) {
                throw new StallingException("kubeconfig " + kubeconfig + " does not exist");
            }
            try {
                config = Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
            } catch (Exception e) {
                throw new StallingException("kubeconfig " + kubeconfig + " cannot be read"
                        + (context == null ? "" : " (context " + context + ")") + ": " + e.getMessage(), null);
            }
        } else {
            config = Config.autoConfigure(context);
        }
        config.setRequestRetryBackoffLimit(3);
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientBuilderConsumer(b -> {
                    if (counted) {
                        b.addOrReplaceInterceptor("kustos-request-counter", counter);
                    }
                })
                .build();
    }

    @Override
    public synchronized void close() {
        clients.values().stream().filter(Objects::nonNull).forEach(KubernetesClient::close);
        clients.clear();
        if (home != null) {
            home.close();
            home = null;
        }
    }
}
