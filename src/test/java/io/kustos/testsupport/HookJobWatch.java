package io.kustos.testsupport;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the hook Jobs ({@code kustos.io/hook} label) made in a namespace, each by its uid, through
 * a watch of the test's own admin client: a Job deleted once it succeeded is still counted, and a
 * Job made again under the same name counts twice.
 */
public final class HookJobWatch implements AutoCloseable, Watcher<Job> {
    private final Set<String> made = ConcurrentHashMap.newKeySet();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private volatile WatcherException closed;
    private Watch watch;

    private HookJobWatch() {
    }

    /** Starts watching; the watch is open when this returns. */
    public static HookJobWatch start(TestCluster cluster, String namespace) {
        var w = new HookJobWatch();
        w.watch = cluster.client().batch().v1().jobs().inNamespace(namespace).withLabel("kustos.io/hook").watch(w);
        return w;
    }

    @Override
    public void eventReceived(Action action, Job job) {
        String uid = job.getMetadata().getUid();
        switch (action) {
            case ADDED, MODIFIED -> {
                made.add(uid);
                names.add(job.getMetadata().getName());
            }
            case DELETED -> deleted.add(uid);
            default -> {
            }
        }
    }

    @Override
    public void onClose(WatcherException cause) {
        closed = cause;
    }

    /** How many hook Jobs were made (distinct uids). */
    public int made() {
        return made.size();
    }

    /** Whether every Job seen made was also seen deleted (the watch caught up with the end of the run). */
    public boolean allDeleted() {
        if (closed != null) {
            throw new AssertionError("the watch of hook Jobs closed: " + closed.getMessage(), closed);
        }
        return !made.isEmpty() && deleted.containsAll(made);
    }

    public Set<String> names() {
        return new TreeSet<>(names);
    }

    @Override
    public void close() {
        watch.close();
    }
}
