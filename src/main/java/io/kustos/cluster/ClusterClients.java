package io.kustos.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kustos.config.Target;
import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One fabric8 client per distinct cluster the targets name: targets whose kubeconfigs and contexts
 * lead to the same API server with the same credentials share one client ({@link TargetCluster}),
 * however their files and contexts are named. Which kubeconfig: the command line's
 * {@code --kubeconfig}, else the target's, else $KUBECONFIG, ~/.kube/config, the in-cluster
 * service account; a missing file or an unknown context is an error, never another cluster
 * ({@link KubeconfigResolver}). All clients share one {@link RequestCounter}.
 */
public final class ClusterClients implements AutoCloseable {
    private final Path kubeconfigOverride;
    private final String contextOverride;
    private final KubeconfigResolver resolver;
    private final RequestCounter counter = new RequestCounter();
    /** By the kubeconfig and context a target asks for: found once. */
    private final Map<String, TargetCluster> bySelection = new LinkedHashMap<>();
    /** By API server and credentials: one client each. */
    private final Map<ClusterKey, TargetCluster> clusters = new LinkedHashMap<>();
    /** Not counted: lease renewals are not reconcile requests. */
    private KubernetesClient home;
    /** Shared by every client here; ended (and waited for) by {@link #close()}. */
    private final HttpClientEventLoops eventLoops = new HttpClientEventLoops();
    /** Set by {@link #close()}: no client is built after it (it would start event loops nothing ends). */
    private boolean closed;

    public ClusterClients(Path kubeconfigOverride, String contextOverride) {
        this(kubeconfigOverride, contextOverride, KubeconfigResolver.system());
    }

    public ClusterClients(Path kubeconfigOverride, String contextOverride, KubeconfigResolver resolver) {
        this.kubeconfigOverride = kubeconfigOverride;
        this.contextOverride = contextOverride;
        this.resolver = resolver;
    }

    /** The client of {@code target}'s cluster; a {@link io.kustos.failure.StallingException} when it names none that exists. */
    public KubernetesClient forTarget(Target target) {
        return cluster(target).client();
    }

    /** The cluster of {@code target}, its client shared with every target of the same API server and credentials. */
    public synchronized TargetCluster cluster(Target target) {
        ensureOpen();
        ClusterSelection selection = ClusterSelection.of(kubeconfigOverride, contextOverride, target);
        TargetCluster known = bySelection.get(selection.id());
        if (known != null) {
            return known;
        }
        KubeconfigResolver.Kubeconfig kubeconfig = resolver.resolve(selection);
        Config config = kubeconfig.config();
        TargetCluster cluster = clusters.computeIfAbsent(ClusterKey.of(config), k -> {
            var answers = new ApiServerAnswers();
            String name = (kubeconfig.context() == null ? "the in-cluster service account" : "context \"" + kubeconfig.context() + "\"")
                    + " (API server " + config.getMasterUrl() + ")";
            return new TargetCluster(name, build(config, true, answers), answers);
        });
        bySelection.put(selection.id(), cluster);
        return cluster;
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
        ensureOpen();
        if (home == null) {
            home = build(resolver.resolve(ClusterSelection.of(kubeconfigOverride, contextOverride)).config(), false, null);
        }
        return home;
    }

    /** A run or a shard look still going while the daemon stops gets a transient failure, not a client on new event loops. */
    private void ensureOpen() {
        if (closed) {
            throw new TransientException("the cluster clients are closed: Kustos is shutting down", FailureReason.INTERRUPTED, null);
        }
    }

    /** The event loops these clients share (for tests of this package). */
    HttpClientEventLoops eventLoops() {
        return eventLoops;
    }

    public RequestCounter counter() {
        return counter;
    }

    private KubernetesClient build(Config config, boolean counted, ApiServerAnswers answers) {
        config.setRequestRetryBackoffLimit(3);
        if (HttpClientEventLoops.plainHttp(config.getMasterUrl())) {
            config.setTrustCerts(true); // no TLS to trust anyone for: spares loading the JDK's CA certificates (~0.1 s of a short command);
            // a redirect to https (fabric8 follows them) would then not be checked either: nothing beyond what plain http already exposes
        }
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withKubernetesSerialization(ModelReaders.serialization()) // one mapper: each type's reader made once (ModelReaders)
                .withHttpClientFactory(eventLoops.factory(config.getMasterUrl()))
                .withHttpClientBuilderConsumer(b -> {
                    if (counted) {
                        b.addOrReplaceInterceptor("kustos-request-counter", counter);
                    }
                    if (answers != null) {
                        b.addOrReplaceInterceptor("kustos-api-server-answers", answers);
                    }
                })
                .build();
    }

    /**
     * Closes every client and waits until their HTTP event loops have ended (see {@link HttpClientEventLoops});
     * {@link #cluster}, {@link #forTarget} and {@link #home} throw a {@link TransientException} from then on.
     */
    @Override
    public synchronized void close() {
        closed = true;
        clusters.values().stream().map(TargetCluster::client).filter(Objects::nonNull).forEach(KubernetesClient::close);
        clusters.clear();
        bySelection.clear();
        if (home != null) {
            home.close();
            home = null;
        }
        eventLoops.close();
    }
}
