package io.kustos.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.config.Target;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One fabric8 client per distinct cluster the targets name. Which kubeconfig: the command line's
 * {@code --kubeconfig}, else the target's, else $KUBECONFIG, ~/.kube/config, the in-cluster
 * service account; a missing file or an unknown context is an error, never another cluster
 * ({@link KubeconfigResolver}). All clients share one {@link RequestCounter}.
 */
public final class ClusterClients implements AutoCloseable {
    private final Path kubeconfigOverride;
    private final String contextOverride;
    private final KubeconfigResolver resolver;
    private final RequestCounter counter = new RequestCounter();
    private final Map<String, KubernetesClient> clients = new LinkedHashMap<>();
    /** Not counted: lease renewals are not reconcile requests. */
    private KubernetesClient home;

    public ClusterClients(Path kubeconfigOverride, String contextOverride) {
        this(kubeconfigOverride, contextOverride, KubeconfigResolver.system());
    }

    public ClusterClients(Path kubeconfigOverride, String contextOverride, KubeconfigResolver resolver) {
        this.kubeconfigOverride = kubeconfigOverride;
        this.contextOverride = contextOverride;
        this.resolver = resolver;
    }

    /** The client of {@code target}'s cluster; a {@link io.kustos.failure.StallingException} when it names none that exists. */
    public synchronized KubernetesClient forTarget(Target target) {
        ClusterSelection selection = ClusterSelection.of(kubeconfigOverride, contextOverride, target);
        return clients.computeIfAbsent(selection.id(), k -> build(selection, true));
    }

    /**
     * Resolves the cluster of every target now (files and contexts only, no request), so that a
     * typo stops {@code kustos run} at start instead of failing each reconcile; a
     * {@link io.kustos.failure.StallingException} (exit 3) as {@link #forTarget} throws it.
     */
    public void resolveAll(List<Target> targets) {
        targets.forEach(this::forTarget);
    }

    /**
     * The cluster Kustos itself runs in, for its Lease: {@code --kubeconfig}/{@code --context} when
     * given, else the usual order (the in-cluster service account in a pod).
     */
    public synchronized KubernetesClient home() {
        if (home == null) {
            home = build(ClusterSelection.of(kubeconfigOverride, contextOverride), false);
        }
        return home;
    }

    public RequestCounter counter() {
        return counter;
    }

    private KubernetesClient build(ClusterSelection selection, boolean counted) {
        Config config = resolver.resolve(selection).config();
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
