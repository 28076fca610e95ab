package io.kustos.runtime;

import io.kustos.work.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Runs one task at a time on its own thread, whatever asks for it. A {@link #trigger} while the
 * task runs is remembered once: however many arrive, exactly one more run follows (coalesced,
 * never a queue). The task receives the reasons that asked for it (e.g. {@code poll},
 * {@code webhook github}).
 */
public final class SingleFlight {
    private static final Logger LOG = LoggerFactory.getLogger(SingleFlight.class);

    private final String name;
    private final Consumer<Set<String>> task;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<String> pending = new LinkedHashSet<>();
    private boolean running;
    private boolean stopping;
    private long completed;
    private Thread thread;

    public SingleFlight(String name, Consumer<Set<String>> task) {
        this.name = name;
        this.task = task;
    }

    public void start() {
        lock.lock();
        try {
            if (thread == null) {
                thread = Threads.daemon(name).newThread(this::loop);
                thread.start();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Asks for a run. @return false if it was coalesced into one already pending, or the flight is stopping */
    public boolean trigger(String reason) {
        lock.lock();
        try {
            if (stopping) {
                return false;
            }
            boolean fresh = pending.isEmpty();
            pending.add(reason);
            changed.signalAll();
            return fresh;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the task is running now. */
    public boolean running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** Runs finished so far. */
    public long completed() {
        lock.lock();
        try {
            return completed;
        } finally {
            lock.unlock();
        }
    }

    /** Interrupts the run in flight, if any (it is abandoned); pending triggers stay. */
    public void abandonCurrent() {
        lock.lock();
        try {
            if (running && thread != null) {
                LOG.warn("{}: abandoning the run in flight", name);
                thread.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes no more triggers, drops the pending one, lets the run in flight finish within
     * {@code grace} and then interrupts it. @return true if nothing was abandoned
     */
    public boolean stop(Duration grace) throws InterruptedException {
        Thread t;
        lock.lock();
        try {
            stopping = true;
            pending.clear();
            changed.signalAll();
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t == null) {
            return true;
        }
        t.join(Math.max(1, grace.toMillis()));
        if (!t.isAlive()) {
            return true;
        }
        LOG.warn("{}: the run in flight did not finish within {}s; abandoning it", name, grace.toSeconds());
        t.interrupt();
        t.join(5_000);
        return false;
    }

    private void loop() {
        while (true) {
            Set<String> reasons;
            lock.lock();
            try {
                while (pending.isEmpty() && !stopping) {
                    changed.awaitUninterruptibly();
                }
                if (stopping) {
                    return;
                }
                reasons = Set.copyOf(pending);
                pending.clear();
                running = true;
            } finally {
                lock.unlock();
            }
            try {
                task.accept(reasons);
            } catch (RuntimeException e) {
                LOG.error("{}: run failed unexpectedly", name, e);
            } finally {
                lock.lock();
                try {
                    running = false;
                    completed++;
                    changed.signalAll();
                    // An abandoned run must not leak its interrupt into the next one. Cleared only
                    // now: abandonCurrent interrupts under this lock while running is true, so an
                    // interrupt that came after the task returned, but before this block, is
                    // cleared too, and none can come after it.
                    Thread.interrupted();
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}
