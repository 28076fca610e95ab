package io.kustos.agent;

import io.kustos.cluster.ClusterClients;
import io.kustos.config.KustosConfig;
import io.kustos.config.Target;
import io.kustos.decrypt.CachingDecryptor;
import io.kustos.decrypt.KeyRing;
import io.kustos.history.HistoryStore;
import io.kustos.reconcile.EmergencyRollback;
import io.kustos.reconcile.LoopObserver;
import io.kustos.reconcile.ReconcileLoop;
import io.kustos.reconcile.ReconcileReport;
import io.kustos.reconcile.RevisionReconciler;
import io.kustos.reconcile.SourcePoller;
import io.kustos.render.Renderer;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * The composition root: Kustos built from one loaded kustos.yaml and its cluster clients, each
 * piece made once, when first asked for, and shared (as java-operator-sdk's {@code Operator}).
 * The CLI commands, the daemon, the demo and the benchmarks ask it instead of wiring the pieces
 * themselves: the sources (both git repos and their local clones), the decryptor
 * ({@code decryption:}, remembering what it decrypted), the renderer, the reconciler, the
 * daemon's loop, the emergency rollback, the histories, and the clock rollouts and hooks are
 * timed by. Work on other threads runs on {@link io.kustos.work.ContextExecutor}s.
 *
 * <p>Does not own the clients: whoever made them closes them. An agent that only renders
 * (kustos blame) may have none.
 */
public final class Agent {
    /** How many decrypted files the decryptor remembers (a new commit decrypts only the files it changed). */
    static final int DECRYPTED_FILES = 4096;

    private final KustosConfig config;
    private final ClusterClients clients;
    private final Clock clock;
    private Renderer renderer;
    private SourcePoller sources;
    private RevisionReconciler reconciler;

    public Agent(KustosConfig config, ClusterClients clients) {
        this(config, clients, null, Clock.systemUTC());
    }

    /**
     * @param renderer the renderer to use instead of one with the decryptor of {@code decryption:}
     *                 (null: that one)
     * @param clock    what rollout and hook deadlines and the daemon's schedule are measured by
     */
    public Agent(KustosConfig config, ClusterClients clients, Renderer renderer, Clock clock) {
        this.config = config;
        this.clients = clients;
        this.renderer = renderer;
        this.clock = clock;
    }

    public KustosConfig config() {
        return config;
    }

    public ClusterClients clients() {
        return clients;
    }

    public Clock clock() {
        return clock;
    }

    /** Renders with the keys of {@code decryption:}; the keys are read when first asked for. */
    public synchronized Renderer renderer() {
        if (renderer == null) {
            renderer = new Renderer(new CachingDecryptor(KeyRing.decryptor(config.decryption()), DECRYPTED_FILES), true);
        }
        return renderer;
    }

    /** Both sources, polled together; their local clones answer for past revisions. */
    public synchronized SourcePoller sources() {
        if (sources == null) {
            sources = new SourcePoller(config);
        }
        return sources;
    }

    /** Reconciles the sources' snapshots once per call (kustos apply, diff, the demo). */
    public synchronized RevisionReconciler reconciler() {
        if (reconciler == null) {
            reconciler = new RevisionReconciler(config, renderer(), clients, sources(), RevisionReconciler.POLL, clock);
        }
        return reconciler;
    }

    /**
     * The daemon's loop: polls the sources and reconciles, healing drift between commits from
     * watch caches of the cluster. Each call makes a new loop, with a reconciler of its own.
     */
    public ReconcileLoop loop(Consumer<ReconcileReport> onReport, LoopObserver observer) {
        return loop(onReport, observer, io.kustos.reconcile.EnvironmentOwnership.EVERY);
    }

    /** As {@link #loop(Consumer, LoopObserver)}, writing an environment only while {@code ownership} says this replica owns it. */
    public ReconcileLoop loop(Consumer<ReconcileReport> onReport, LoopObserver observer, io.kustos.reconcile.EnvironmentOwnership ownership) {
        var watching = RevisionReconciler.watchingBetweenCommits(config, renderer(), clients, sources(), RevisionReconciler.POLL, clock)
                .lockingAs(io.kustos.reconcile.WriteLockPolicy.daemon(ownership));
        return new ReconcileLoop(config, sources(), watching, onReport, observer);
    }

    /** kustos rollback --emergency and kustos resume, from the local clones. */
    public EmergencyRollback emergencyRollback() {
        return emergencyRollback(io.kustos.reconcile.WriteLockPolicy.command("rollback --emergency"));
    }

    /** As {@link #emergencyRollback()}, taking each environment's write lock as {@code locks} says. */
    public EmergencyRollback emergencyRollback(io.kustos.reconcile.WriteLockPolicy locks) {
        return new EmergencyRollback(reconciler().lockingAs(locks));
    }

    /** The history of {@code target}'s environment, in its cluster. */
    public HistoryStore history(Target target) {
        return new HistoryStore(clients.forTarget(target), target.namespace(), target.environment(), config.history().limit());
    }
}
