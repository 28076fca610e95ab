package io.kustos.runtime;

import io.kustos.agent.Agent;
import io.kustos.failure.FailureReason;
import io.kustos.cluster.ClusterClients;
import io.kustos.config.KustosConfig;
import io.kustos.config.LeaderElection;
import io.kustos.config.Target;
import io.kustos.failure.KustosException;
import io.kustos.reconcile.LoopObserver;
import io.kustos.reconcile.ReconcileLoop;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.failure.TransientException;
import io.kustos.render.Renderer;
import io.kustos.runtime.forge.PreviewQueue;
import io.kustos.runtime.forge.PullRequestPreview;
import io.kustos.runtime.shard.Shards;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code kustos run}: the reconcile loop inside a Camel Main runtime. A timer polls at
 * {@code sync.interval} (±10% jitter, doubled per failure in a row up to 8×); webhooks trigger a
 * poll at once; every reconcile runs on one worker, one at a time, triggers during a run coalesced
 * into one more (a reconcile covers every environment, so "one at a time per environment" holds
 * for the whole). With leader election only the Lease holder reconciles; with sharding each
 * replica reconciles the environments whose Leases it holds ({@link Shards}). Stopping lets the
 * reconcile in flight finish within {@link #SHUTDOWN_GRACE}, then abandons it, then gives the
 * Leases up.
 */
public final class KustosDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KustosDaemon.class);
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(25);
    static final double JITTER = 0.1;

    private final KustosConfig config;
    private final Duration shutdownGrace;
    private final int port;
    private final Main main = new Main();
    private final AtomicReference<io.vertx.core.Vertx> vertx = new AtomicReference<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DaemonMetrics metrics;
    private final Leadership leadership;
    /** This replica's share of the environments; null without sharding (it reconciles them all). */
    private final Shards shards;
    /** Where a webhook's request to reconcile is recorded for the other replicas (sharding); null without sharding. */
    private final BackgroundRequests requests;
    /** Where a pull request webhook this replica does not preview is passed on (sharding with previews); null otherwise. */
    private BackgroundRequests passingOn;
    private final AtomicBoolean tookEnvironments = new AtomicBoolean();
    private final SingleFlight flight;
    private final PollSchedule schedule;
    private final DaemonStatus status;
    private final ReconcileLoop loop;
    private final AtomicBoolean began = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final PreviewQueue previews;
    /**
     * Who previews pull requests: the leader; with sharding (every replica reconciles) the holder of the Lease
     * {@value #PREVIEW_LEASE}, so that one replica only reports on the forge.
     */
    private final Leadership previewing;
    static final String PREVIEW_LEASE = "kustos-previews";
    private volatile Notifier notifier;
    private volatile long reconcileStart;

    public KustosDaemon(KustosConfig config, Renderer renderer, ClusterClients clients) {
        this(config, renderer, clients, SHUTDOWN_GRACE);
    }

    public KustosDaemon(KustosConfig config, Renderer renderer, ClusterClients clients, Duration shutdownGrace) {
        this(new Agent(config, clients, renderer, Clock.systemUTC()), shutdownGrace);
    }

    /** {@code kustos run}: the daemon of {@code agent}. */
    public KustosDaemon(Agent agent) {
        this(agent, SHUTDOWN_GRACE);
    }

    public KustosDaemon(Agent agent, Duration shutdownGrace) {
        this(agent, shutdownGrace, PullRequestPreviewer.of(agent));
    }

    /**
     * @param preview what previews a pull request's head (tests pass a fake); used when {@code previews:} is set
     * @throws io.kustos.failure.StallingException when a target names no cluster that exists, before anything started
     */
    public KustosDaemon(Agent agent, Duration shutdownGrace, PullRequestPreview preview) {
        KustosConfig config = agent.config();
        ClusterClients clients = agent.clients();
        clients.resolveAll(config.targets());
        this.config = config;
        this.shutdownGrace = shutdownGrace;
        this.port = config.server().port() == 0 ? FreePort.on(config.server().host()) : config.server().port();
        List<String> environments = config.targets().stream().map(Target::environment).toList();
        this.metrics = new DaemonMetrics(registry, environments);
        this.leadership = leadership(config.leaderElection(), clients);
        this.shards = shards(config, clients, Clock.systemUTC()); // the Leases are read by other hosts: wall time
        this.requests = shards == null ? null : new BackgroundRequests("kustos-reconcile-request", new io.kustos.runtime.shard.ReconcileRequests(
                clients.home(), shardNamespace(config), shards.identity(), Clock.systemUTC()), (reasons, e) -> LOG.warn(
                "could not record the reconcile request ({}) for the other replicas (HTTP {}): they poll at their interval",
                String.join(", ", reasons), e.getCode()));
        this.flight = new SingleFlight("kustos-reconcile", this::reconcile);
        this.status = new DaemonStatus(environments, flight::running, leadership::isLeader, agent.clock());
        if (shards != null) {
            status.sharded(shards::owned, shards::trouble);
            metrics.sharded(() -> shards.owned().size(), shards::members);
        }
        this.schedule = new PollSchedule(agent.clock(), JITTER, () -> ThreadLocalRandom.current().nextDouble());
        schedule.claim(); // the first poll is the one leadership triggers (leadershipChanged), not also the timer's
        this.previews = config.previews() == null ? null : new PreviewQueue(config.previews(), config.sources(), preview);
        this.previewing = previews == null || shards == null ? leadership : new LeaseLeadership(clients.home(), new LeaderElection(true,
                shardNamespace(config), PREVIEW_LEASE, config.sharding().leaseDuration(), config.sharding().renewDeadline(),
                config.sharding().retryPeriod()), shardNamespace(config), shards.identity(), "previewing");
        if (previews != null && previewing != Leadership.ALWAYS) {
            previews.suspend(); // until this replica leads (previewingChanged)
        }
        if (previews != null && shards != null) {
            passPreviewsOn(io.kustos.runtime.shard.ReconcileRequests.previews(clients.home(), shardNamespace(config),
                    shards.identity(), Clock.systemUTC()));
        }
        this.loop = agent.loop(report -> { }, new LoopObserver() {
            @Override
            public void sourcesPolled(Duration took, KustosException error) {
                metrics.polled(took, error);
                status.polled(error);
            }

            @Override
            public void reconcileStarting() {
                reconcileStart = System.nanoTime();
            }
        }, shards == null ? io.kustos.reconcile.EnvironmentOwnership.EVERY : shards);
        main.configure().addRoutesBuilder(new DaemonRoutes(schedule, leadership::isLeader, flight::trigger, status, registry));
        if (!NotificationRoutes.channels(config.notifications()).isEmpty()) { // none configured: no route, HTTP client nor its thread
            main.configure().addRoutesBuilder(new NotificationRoutes(config.notifications()));
        }
        main.configure().httpServer().withEnabled(true).withHost(config.server().host()).withPort(port)
                .withMaxBodySize(config.server().maxBodyBytes())
                .withFileUploadEnabled(false); // bodies stay in memory (up to maxBodyBytes): no upload folder in java.io.tmpdir
        main.configure().withName("kustos");
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        main.bind("routeMetrics", routeMetrics(registry)); // Camel's own route metrics, beside Kustos's
    }

    /**
     * Starts and returns (tests); {@link #close()} stops.
     *
     * @throws TransientException when {@code server.host:server.port} is taken, before anything started
     */
    public void start() throws Exception {
        FreePort.require(config.server().host(), port);
        bindFilelessVertx();
        main.start();
        begin();
    }

    /**
     * Starts and blocks until the process is told to stop (SIGTERM, SIGINT), then shuts down gracefully.
     *
     * @throws TransientException when {@code server.host:server.port} is taken, before anything started
     */
    public void run() throws Exception {
        FreePort.require(config.server().host(), port);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport ignored) {
                try {
                    begin();
                } catch (RuntimeException e) {
                    failure.set(e);
                    main.completed();
                }
            }

            @Override
            public void beforeStop(BaseMainSupport ignored) {
                stopReconciling();
            }
        });
        bindFilelessVertx();
        try {
            main.run(); // logs and swallows what fails in it
        } finally {
            closeVertx();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        if (!began.get()) {
            throw new TransientException("kustos run could not start its HTTP server on " + config.server().host() + ":" + port
                    + " (server.host, server.port in kustos.yaml); see the log above",
                    FailureReason.CANNOT_LISTEN, null);
        }
    }

    /** The HTTP port (the one taken when server.port is 0). */
    public int port() {
        return port;
    }

    public boolean isLeader() {
        return leadership.isLeader();
    }

    /** Reconcile runs (polls included) finished so far. */
    public long runs() {
        return flight.completed();
    }

    /** Asks for a poll now, as a webhook does. */
    public void trigger(String reason) {
        flight.trigger(reason);
    }

    @Override
    public void close() throws Exception {
        stopReconciling();
        main.stop();
        closeVertx();
    }

    /** Camel's HTTP server takes the Vert.x it finds in the registry. */
    private void bindFilelessVertx() {
        main.bind("vertx", vertx.updateAndGet(v -> v == null ? FilelessVertx.create() : v));
    }

    private void closeVertx() {
        var v = vertx.getAndSet(null);
        if (v != null) {
            FilelessVertx.close(v);
        }
    }

    private void begin() {
        if (!began.compareAndSet(false, true)) {
            return;
        }
        var context = main.getCamelContext();
        WebhookSecret secret = new WebhookSecret(config.server().webhookSecretFile());
        WebhookRoutes.mount(context, port, Arrays.stream(WebhookProvider.values()).flatMap(p -> PollReasons.SOURCES.stream()
                .map(source -> new WebhookReceiver(p, source, secret, config.server().maxBodyBytes(), leadership::isLeader,
                        this::hookTriggered, previews, config.previews() == null ? null : config.previews().forge()))).toList(),
                config.server().maxBodyBytes());
        status.serving();
        notifier = new Notifier(config.notifications(), context::createProducerTemplate);
        flight.start();
        leadership.start(this::leadershipChanged);
        if (previewing != leadership) {
            previewing.start(this::previewingChanged);
        }
        if (shards != null) {
            shards.start(() -> {
                tookEnvironments.set(true);
                flight.trigger("took environments");
            }, () -> flight.trigger("reconcile requested"));
        }
        LOG.info("kustos run: listening on {}:{} (/healthz /readyz /status /metrics /hooks/*), polling every {} for {}",
                config.server().host(), port, io.kustos.config.Durations.format(config.sync().interval()),
                io.kustos.text.Plural.of(config.targets().size(), "environment"));
    }

    /**
     * Sharded: a pull request event to a replica that does not preview is recorded on the Lease
     * {@code kustos-preview-request}; the holder of {@code kustos-previews} then re-lists the open pull requests at once.
     */
    private void passPreviewsOn(io.kustos.runtime.shard.ReconcileRequests previewRequests) {
        passingOn = new BackgroundRequests("kustos-preview-request", previewRequests, (reasons, e) -> LOG.warn(
                "could not pass a pull request event on to the replica that previews: {}; it previews it at its next re-list",
                io.kustos.cluster.ApiFailures.describe(e, (java.net.URL) null)));
        previews.passOnWith(() -> passingOn.record("pull request"));
        shards.onPreviewRequested(() -> {
            if (previewing.isLeader()) {
                LOG.info("a pull request event reached another replica: re-listing the open pull requests now");
                previews.relistNow();
            }
        });
    }

    /** A webhook: poll now, and with sharding record it for the owners of the other environments. */
    private void hookTriggered(String reason) {
        flight.trigger(reason);
        if (requests != null) {
            requests.record(reason);
        }
    }

    private void leadershipChanged(boolean leading) {
        if (leading) {
            schedule.claim();
            flight.trigger("leader");
        } else {
            flight.abandonCurrent();
        }
        if (previewing == leadership) {
            previewingChanged(leading);
        }
    }

    /** This replica previews pull requests from now on, or no longer: only one replica reports on the forge. */
    private void previewingChanged(boolean previewer) {
        if (previews == null) {
            return;
        }
        if (previewer) {
            previews.resume(); // the open pull requests' previews and conflicts, kept only in memory
        } else {
            previews.suspend(); // the new leader previews; nothing kept here may be posted late
        }
    }

    private void stopReconciling() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        // a daemon that never began (its port taken) had nothing in flight: its one error line says it all
        boolean reconciling = began.get();
        if (reconciling) {
            LOG.info("stopping: letting the reconcile in flight finish (up to {}s)", shutdownGrace.toSeconds());
        }
        try {
            boolean clean = flight.stop(shutdownGrace);
            if (reconciling) {
                LOG.info(clean ? "stopped reconciling" : "stopped reconciling; the reconcile in flight was abandoned and runs again at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leadership.close();
        if (previewing != leadership) {
            previewing.close();
        }
        if (requests != null) {
            requests.close();
        }
        if (passingOn != null) {
            passingOn.close();
        }
        if (shards != null) {
            shards.close(); // after the run in flight: what it writes is still its own
        }
        if (previews != null) {
            try {
                previews.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void reconcile(Set<String> reasons) {
        if (!leadership.isLeader()) {
            return;
        }
        if (shards == null) {
            runOnce(reasons);
            return;
        }
        // the environments of this run stay this replica's until it ends, even if one is assigned elsewhere meanwhile
        Set<String> owned = shards.startRun();
        try {
            if (owned.isEmpty()) { // nothing of its own yet (or any more): no poll of git for nobody
                schedule.next(config.sync().interval());
                return;
            }
            loop.select(config.targets().stream().filter(t -> owned.contains(t.environment())).toList());
            if (tookEnvironments.getAndSet(false)) {
                loop.reconcileNext(); // what another replica left may be half done, or stand at an older revision
            }
            runOnce(reasons);
        } finally {
            shards.endRun();
        }
    }

    private void runOnce(Set<String> reasons) {
        LOG.debug("poll ({})", String.join(", ", reasons));
        reconcileStart = 0;
        Optional<ReconcileReport> report = loop.runOnce(PollReasons.scope(reasons));
        schedule.next(loop.nextDelay());
        report.ifPresent(r -> {
            Duration took = Duration.ofNanos(System.nanoTime() - reconcileStart);
            metrics.reconciled(r, took);
            status.reported(r);
            ReportLog.log(r, took.toMillis());
            notifier.publish(r);
        });
    }

    /** Times and counts the exchanges of every route (camel_route_policy_seconds, camel_exchanges_*), by routeId. */
    private static org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory routeMetrics(PrometheusMeterRegistry registry) {
        var factory = new org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory();
        factory.setMeterRegistry(registry);
        return factory;
    }

    private static Shards shards(KustosConfig config, ClusterClients clients, Clock clock) {
        var settings = config.sharding();
        if (!settings.enabled()) {
            return null;
        }
        return new Shards(clients.home(), settings, shardNamespace(config), io.kustos.cluster.LockHolder.replica(System.getenv()),
                config.targets().stream().map(Target::environment).toList(), clock);
    }

    private static String shardNamespace(KustosConfig config) {
        return LeaseNamespace.resolve(config.sharding().namespace(), System.getenv(), LeaseNamespace.SERVICE_ACCOUNT_NAMESPACE);
    }

    private static Leadership leadership(LeaderElection settings, ClusterClients clients) {
        if (!settings.enabled()) {
            return Leadership.ALWAYS;
        }
        String host = System.getenv().getOrDefault("HOSTNAME", "kustos");
        byte[] suffix = new byte[4];
        ThreadLocalRandom.current().nextBytes(suffix);
        return new LeaseLeadership(clients.home(), settings,
                LeaseNamespace.resolve(settings.namespace(), System.getenv(), LeaseNamespace.SERVICE_ACCOUNT_NAMESPACE),
                host + "_" + HexFormat.of().formatHex(suffix));
    }
}
