package io.kustos.cluster;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.kustos.text.Plural;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the requests Kustos sends to an API server, by what they do: reads, dry runs, writes of
 * managed objects, and records (Events, the kustos-history ConfigMap, the kustos-fingerprint-key Secret), and how
 * many of them got no answer. Tests and the benchmark use it; `kustos apply` reports it.
 */
public final class RequestCounter implements Interceptor {
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong dryRuns = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong locks = new AtomicLong();

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();

    /**
     * Counted when sent, so a count read after a step covers exactly the requests that step sent (a watch's
     * answer may come long after); the answers are counted apart, to tell how many got none.
     */
    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        sent.incrementAndGet();
        kind(request).incrementAndGet();
    }

    /** The API server answered (whatever the status). */
    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        answered.incrementAndGet();
    }

    private AtomicLong kind(HttpRequest request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        if (request.uri().getPath().contains("/leases")) {
            return locks;
        } else if (method.equals("GET") || method.equals("HEAD")) {
            return reads;
        } else if (request.uri().getRawQuery() != null && request.uri().getRawQuery().contains("dryRun=All")) {
            return dryRuns;
        } else if (request.uri().getPath().contains("/events") || request.uri().getPath().endsWith("/configmaps/kustos-history")
                || request.uri().getPath().contains("/configmaps/kustos-history-") || createsHistory(method, request)
                || createsFingerprintKey(method, request)) {
            return records;
        }
        return writes;
    }

    /** The creation of the kustos-history ConfigMap (once, empty) or of one of its parts (a POST names its object in the body only). */
    private static boolean createsHistory(String method, HttpRequest request) {
        String body = method.equals("POST") && request.uri().getPath().endsWith("/configmaps") ? request.bodyString() : null;
        return body != null && (body.contains("\"name\":\"kustos-history\"") || body.contains("\"name\":\"kustos-history-"));
    }

    /** The one-time creation of the Secret kustos-fingerprint-key (a POST names its object in the body only). */
    private static boolean createsFingerprintKey(String method, HttpRequest request) {
        String body = method.equals("POST") && request.uri().getPath().endsWith("/secrets") ? request.bodyString() : null;
        return body != null && body.contains("\"name\":\"kustos-fingerprint-key\"");
    }

    public long reads() {
        return reads.get();
    }

    /** Writes of the objects Kustos manages (dry runs, Events and its history not counted). */
    public long writes() {
        return writes.get();
    }

    /**
     * Kustos's own bookkeeping writes: its Events (one per target and revision outcome), the kustos-history record (and
     * its creation, once, and its parts), and
     * once per namespace the creation of its kustos-fingerprint-key Secret.
     */
    public long records() {
        return records.get();
    }

    public long dryRuns() {
        return dryRuns.get();
    }

    /** Requests for the write locks and leader election (Leases): taking, renewing, releasing, waiting. */
    public long locks() {
        return locks.get();
    }

    /** Requests sent that got no answer from the API server (refused, reset, timed out), once the step is over. */
    public long failed() {
        return Math.max(0, sent.get() - answered.get());
    }

    public void reset() {
        reads.set(0);
        writes.set(0);
        dryRuns.set(0);
        records.set(0);
        locks.set(0);
        sent.set(0);
        answered.set(0);
    }

    @Override
    public String toString() {
        return Plural.of(reads(), "read") + ", " + Plural.of(dryRuns(), "dry run") + ", " + Plural.of(writes(), "write") + ", "
                + Plural.of(records(), "record") + " (events, history), "
                + Plural.of(locks(), "lock request") + (failed() == 0 ? "" : "; " + failed() + " of them got no answer");
    }
}
