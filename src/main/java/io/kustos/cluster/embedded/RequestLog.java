package io.kustos.cluster.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every HTTP request the embedded cluster received, for tests and benchmarks ("an empty plan makes
 * zero API writes"). Requests made by the simulated controllers inside the cluster are not
 * recorded. Thread-safe.
 */
public final class RequestLog {

    /**
     * One request.
     *
     * @param method      HTTP method
     * @param path        path without query
     * @param query       raw query string, empty when none
     * @param contentType request Content-Type, empty when none
     * @param dryRun      whether the query had {@code dryRun=All}
     * @param resource    whether the path named a served resource (not discovery, version, openapi)
     */
    public record Entry(String method, String path, String query, String contentType, boolean dryRun,
                        boolean resource) {

        /** POST, PUT, PATCH or DELETE. */
        public boolean isWrite() {
            return switch (method) {
                case "POST", "PUT", "PATCH", "DELETE" -> true;
                default -> false;
            };
        }

        @Override
        public String toString() {
            return method + " " + path + (query.isEmpty() ? "" : "?" + query);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void record(Entry entry) {
        entries.add(entry);
    }

    /** A copy of all entries since the start or the last {@link #reset()}, oldest first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized long count(Predicate<Entry> filter) {
        return entries.stream().filter(filter).count();
    }

    /** Requests that were not writes (GET, including discovery, lists and watches). */
    public long reads() {
        return count(e -> !e.isWrite());
    }

    /** Writes that changed (or tried to change) the cluster: not dry runs. */
    public long writes() {
        return count(e -> e.isWrite() && !e.dryRun());
    }

    /** Writes with {@code dryRun=All}. */
    public long dryRunWrites() {
        return count(e -> e.isWrite() && e.dryRun());
    }

    /** Non-dry-run writes with this method. */
    public long writes(String method) {
        return count(e -> e.isWrite() && !e.dryRun() && e.method().equals(method));
    }

    public synchronized void reset() {
        entries.clear();
    }

    @Override
    public synchronized String toString() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(e).append('\n');
        }
        return sb.toString();
    }

    /** Convenience for assertions: a list view of the entries as "METHOD path?query" lines. */
    public synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        entries.forEach(e -> lines.add(e.toString()));
        return lines;
    }
}
