package io.kustos.cluster.embedded;

import io.kustos.failure.FailureReason;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kustos.cluster.embedded.sim.SimulationSettings;
import io.kustos.cluster.embedded.sim.Simulator;
import io.kustos.failure.TransientException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;

/**
 * A Kubernetes API server in this process, on 127.0.0.1, for {@code kustos demo},
 * {@code kustos cluster} and fast tests: fabric8's mock server in CRUD mode, extended with
 * server-side apply and managed fields, dry runs, Secret stringData, strategic merge patches,
 * discovery for kubectl, validation, and simulated Deployment, StatefulSet, DaemonSet and Job
 * controllers. See docs/embedded-cluster.md for what differs from a real API server.
 */
public final class EmbeddedCluster implements AutoCloseable {

    /** Namespaces every cluster starts with. */
    public static final List<String> INITIAL_NAMESPACES = List.of("default", "kube-system", "kube-public",
            "kube-node-lease");

    /** The mock web server logs every request at INFO through java.util.logging; keep that quiet. */
    private static final java.util.logging.Logger MOCK_LOG = quiet("io.fabric8.mockwebserver.MockWebServer");

    private final KubernetesMockServer server;
    private final ApiDispatcher dispatcher;
    private final RequestLog requests;
    private final Simulator simulator;
    private final URI url;
    private volatile KubernetesClient client;

    private EmbeddedCluster(KubernetesMockServer server, ApiDispatcher dispatcher, RequestLog requests,
                            Simulator simulator, URI url) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.requests = requests;
        this.simulator = simulator;
        this.url = url;
    }

    /** Starts a cluster on 127.0.0.1 at {@code port} (0: any free port). */
    public static EmbeddedCluster start(int port) {
        return start(port, SimulationSettings.defaults());
    }

    /** Starts a cluster with the given controller timing. */
    public static EmbeddedCluster start(int port, SimulationSettings settings) {
        ResourceCatalog catalog = new ResourceCatalog();
        ObjectStore store = new ObjectStore();
        ObjectWriter writer = new ObjectWriter(store, Clock.systemUTC());
        RequestLog requests = new RequestLog();
        int[] boundPort = new int[1];
        Discovery discovery = new Discovery(catalog, () -> "127.0.0.1:" + boundPort[0]);
        DeleteHandler deletes = new DeleteHandler(store, writer, catalog);
        ApiDispatcher dispatcher = new ApiDispatcher(catalog, requests, discovery, new ReadHandler(store),
                new WriteHandler(store, writer, catalog), deletes);
        KubernetesMockServer server = new KubernetesMockServer(new Context(new ObjectMapper()),
                new MockWebServer(), new HashMap<>(), dispatcher, false);
        try {
            server.start(InetAddress.getByName("127.0.0.1"), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            throw cannotListen(port, e);
        }
        boundPort[0] = server.getPort();
        Simulator simulator = new Simulator(new LocalApi(dispatcher, catalog), settings);
        ChangeListener listener = simulator::changed;
        writer.listener(listener);
        deletes.listener(listener);
        EmbeddedCluster cluster = new EmbeddedCluster(server, dispatcher, requests, simulator,
                URI.create("http://127.0.0.1:" + server.getPort()));
        INITIAL_NAMESPACES.forEach(cluster::createNamespace);
        return cluster;
    }

    /** The mock server's "Unable to start MockWebServer" as what it means: exit 5, naming the address. */
    private static TransientException cannotListen(int port, RuntimeException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.net.BindException) {
                return new TransientException("cannot listen on 127.0.0.1:" + port + ": address already in use", FailureReason.CANNOT_LISTEN, e);
            }
        }
        return new TransientException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), FailureReason.CANNOT_LISTEN, e);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return url;
    }

    public int port() {
        return url.getPort();
    }

    /** A fabric8 client for this cluster (namespace {@code default}); closed with the cluster. */
    public KubernetesClient client() {
        KubernetesClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = newClient();
                }
                c = client;
            }
        }
        return c;
    }

    /** A new fabric8 client the caller closes. */
    public KubernetesClient newClient() {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url.toString())
                .withNamespace("default")
                .withOauthToken(KubeconfigWriter.TOKEN)
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * Writes a kubeconfig for fabric8 and kubectl: server {@code http://127.0.0.1:<port>}, context
     * {@code kustos-embedded}, a dummy token user, namespace {@code default}.
     */
    public void writeKubeconfig(Path file) {
        KubeconfigWriter.write(url, file);
    }

    /** Every HTTP request received (not those of the simulated controllers). */
    public RequestLog requests() {
        return requests;
    }

    /** Creates a namespace unless it exists. Not recorded in {@link #requests()}. */
    public void createNamespace(String name) {
        ObjectNode ns = Json.object();
        ns.put("apiVersion", "v1");
        ns.put("kind", "Namespace");
        ns.putObject("metadata").put("name", name);
        ApiResponse response = local("POST", "/api/v1/namespaces", ns, "kustos-embedded");
        if (response.code() != 201 && response.code() != 409) {
            throw new IllegalStateException("cannot create namespace " + name + ": " + response.body());
        }
    }

    /** Creates objects (field manager {@code kustos-seed}). Not recorded in {@link #requests()}. */
    public void seed(HasMetadata... objects) {
        for (HasMetadata object : objects) {
            ObjectNode node = Json.parseObject(Serialization.asJson(object));
            ResourceType type = new ResourceCatalog().require(object.getApiVersion(), object.getKind());
            String namespace = object.getMetadata().getNamespace() == null ? "default"
                    : object.getMetadata().getNamespace();
            ApiResponse response = local("POST", type.collectionPath(namespace), node, "kustos-seed");
            if (response.code() != 201) {
                throw new IllegalStateException("cannot seed " + object.getKind() + " "
                        + object.getMetadata().getName() + ": " + response.body());
            }
        }
    }

    private ApiResponse local(String method, String path, ObjectNode body, String manager) {
        return dispatcher.local(ApiRequest.of(method, path + "?fieldManager=" + manager, "application/json",
                Json.write(body), "kustos-embedded"));
    }

    @Override
    public void close() {
        simulator.close();
        KubernetesClient c = client;
        if (c != null) {
            c.close();
        }
        try {
            server.shutdown();
        } catch (IllegalStateException e) {
            // fabric8's mock server gives its HTTP server 10 s to close; on a loaded machine it can
            // take longer. The cluster is discarded either way: say so instead of failing the caller.
            org.slf4j.LoggerFactory.getLogger(EmbeddedCluster.class)
                    .warn("embedded cluster: {} (its HTTP server is discarded unclosed)", e.getMessage());
        }
    }
}
