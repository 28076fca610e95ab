package io.kustos.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One rule of a {@link FaultProxy}: which requests it matches (method, path, optionally only
 * watches), which of those it faults (the {@link #nth}, every one {@link #after} N, the
 * {@link #first} N, or {@link #always()}), and the fault (a status with an API server's Status
 * body, a reset, a stall, a watch to drop). It counts what it saw: {@link #matched()} requests,
 * {@link #faulted()} of them. A rule faults nothing until its fault is chosen; every rule that
 * matches a request counts it; the first (in the order they were made) whose window holds it faults it.
 *
 * <pre>{@code
 * FaultRule patch = proxy.on("PATCH", "/api/v1/namespaces/[^/]+/configmaps/web-7").nth(2).status(500);
 * FaultRule lists = proxy.on("GET", "/api/v1/namespaces/[^/]+/configmaps").always().tooManyRequests(1);
 * FaultRule held = proxy.on("*", "/api/.+").first(1).stall();  ... held.release();
 * FaultRule watches = proxy.on("GET", "/apis/apps/v1/namespaces/[^/]+/deployments").dropWatch(); ... watches.drop();
 * }</pre>
 */
public final class FaultRule {
    /** What the proxy does to a faulted request. */
    sealed interface Fault {
    }

    /** Answer with this status and a Status body, without asking the API server. */
    record Respond(int code, String reason, String message, int retryAfterSeconds) implements Fault {
    }

    /** Close the client's connection without an answer (a TCP reset). */
    record Reset() implements Fault {
    }

    /** Hold the request, unanswered and not forwarded, until released (then forwarded) or the proxy closes. */
    record Stall() implements Fault {
    }

    /** Forward it; a watch's response streams until {@link #drop()} cuts it mid-stream. */
    record DropWatch() implements Fault {
    }

    private final String method;
    private final Pattern path;
    private boolean watchesOnly;
    private Pattern query;
    private boolean notWatches;
    private final List<Long> matchedAt = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long from = 1;
    private long to = Long.MAX_VALUE;
    private volatile Fault fault;
    private volatile boolean stopped;
    private final AtomicInteger matched = new AtomicInteger();
    private final AtomicInteger faulted = new AtomicInteger();
    private final List<Runnable> held = new ArrayList<>();
    private boolean released;
    final Set<Runnable> openStreams = ConcurrentHashMap.newKeySet();

    FaultRule(String method, String pathRegex) {
        this.method = method;
        this.path = Pattern.compile(pathRegex);
    }

    /** Only watch requests ({@code ?watch=true} or {@code /watch/} paths). */
    public FaultRule watches() {
        watchesOnly = true;
        return this;
    }

    /** Only requests whose query string contains a match of {@code regex}, e.g. {@code dryRun=All}; {@code ^$}: none. */
    public FaultRule query(String regex) {
        query = Pattern.compile(regex);
        return this;
    }

    /** Only requests that are not watches. */
    public FaultRule notWatches() {
        notWatches = true;
        return this;
    }

    /** Fault only the {@code n}th matching request (from 1). */
    public FaultRule nth(int n) {
        return window(n, n);
    }

    /** Fault every matching request after the {@code n}th (the first {@code n} pass). */
    public FaultRule after(int n) {
        return window(n + 1L, Long.MAX_VALUE);
    }

    /** Fault the first {@code n} matching requests, then let them pass. */
    public FaultRule first(int n) {
        return window(1, n);
    }

    /** Fault every matching request (the default). */
    public FaultRule always() {
        return window(1, Long.MAX_VALUE);
    }

    private FaultRule window(long first, long last) {
        from = first;
        to = last;
        return this;
    }

    /** Answer {@code code} (500, 503, ...) with a Status body as the API server writes it. */
    public FaultRule status(int code) {
        return set(new Respond(code, switch (code) {
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            case 429 -> "TooManyRequests";
            case 409 -> "Conflict";
            default -> "";
        }, switch (code) {
            case 500 -> "Internal error occurred: injected by the fault proxy";
            case 503 -> "the server is currently unable to handle the request (injected by the fault proxy)";
            default -> "injected by the fault proxy";
        }, 0));
    }

    /** Answer 429 with {@code Retry-After: seconds}, as the API server's priority and fairness does. */
    public FaultRule tooManyRequests(int seconds) {
        return set(new Respond(429, "TooManyRequests", "Too many requests, please try again later. (injected by the fault proxy)", seconds));
    }

    /** Answer 409 Conflict as for a stale resourceVersion: "the object has been modified". */
    public FaultRule conflict() {
        return set(new Respond(409, "Conflict", null, 0));
    }

    /** Reset the client's connection without an answer. */
    public FaultRule reset() {
        return set(new Reset());
    }

    /** Hold the request until {@link #release()} or the proxy closes. */
    public FaultRule stall() {
        return set(new Stall());
    }

    /** Let watches through and cut them mid-stream on {@link #drop()}. */
    public FaultRule dropWatch() {
        watchesOnly = true;
        return set(new DropWatch());
    }

    private FaultRule set(Fault f) {
        fault = f;
        return this;
    }

    /** Fault nothing more; requests pass. Held requests stay held until {@link #release()}. */
    public FaultRule stop() {
        stopped = true;
        return this;
    }

    /** Requests this rule matched (faulted or not). */
    public int matched() {
        return matched.get();
    }

    /** When each matched request arrived ({@link System#nanoTime()}), in order: to check a client waited at least as asked. */
    public List<Long> matchedAt() {
        return List.copyOf(matchedAt);
    }

    /** Requests this rule faulted (for {@link #dropWatch()}: watches it let through to be dropped). */
    public int faulted() {
        return faulted.get();
    }

    /** Requests held now by {@link #stall()}. */
    public synchronized int held() {
        return held.size();
    }

    /** Forwards every held request and holds no more. */
    public void release() {
        List<Runnable> go;
        synchronized (this) {
            released = true;
            go = new ArrayList<>(held);
            held.clear();
        }
        go.forEach(Runnable::run);
    }

    /** Watch responses streaming now through this rule. */
    public int openWatches() {
        return openStreams.size();
    }

    /** Cuts every watch streaming now through this rule mid-stream; returns how many. */
    public int drop() {
        var now = new ArrayList<>(openStreams);
        now.forEach(Runnable::run);
        return now.size();
    }

    /**
     * Counts the request when this rule matches it, and returns its fault when the rule faults it
     * and {@code free} (no earlier rule faulted it); null otherwise.
     */
    Fault consider(String requestMethod, String requestPath, String requestQuery, boolean watch, boolean free) {
        Fault f = fault;
        if (f == null || (!method.equals("*") && !method.equalsIgnoreCase(requestMethod))
                || (watchesOnly && !watch) || (notWatches && watch) || !path.matcher(requestPath).matches()
                || (query != null && !query.matcher(requestQuery).find())) {
            return null;
        }
        matchedAt.add(System.nanoTime());
        int n = matched.incrementAndGet();
        if (!free || stopped || n < from || n > to || (f instanceof Stall && isReleased())) {
            return null;
        }
        faulted.incrementAndGet();
        return f;
    }

    private synchronized boolean isReleased() {
        return released;
    }

    /** Holds {@code forward} until release; false when already released (forward it now). */
    synchronized boolean hold(Runnable forward) {
        if (released) {
            return false;
        }
        held.add(forward);
        return true;
    }

    synchronized void forget(Runnable forward) {
        held.remove(forward);
    }

    @Override
    public String toString() {
        return method + " " + path + (watchesOnly ? " (watches)" : "") + " -> " + fault + ", matched " + matched + ", faulted " + faulted;
    }
}
