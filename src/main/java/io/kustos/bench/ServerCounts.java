package io.kustos.bench;

/**
 * API requests counted at the server, by what they did: reads (GET, LIST and discovery), server-side
 * dry runs, writes (POST, PUT, PATCH, DELETE without dryRun; Events not included) and Events created.
 */
public record ServerCounts(long reads, long dryRuns, long writes, long events) {
    public static final ServerCounts ZERO = new ServerCounts(0, 0, 0, 0);

    public ServerCounts minus(ServerCounts before) {
        return new ServerCounts(reads - before.reads, dryRuns - before.dryRuns, writes - before.writes, events - before.events);
    }

    public ServerCounts plus(String category, long n) {
        return switch (category) {
            case "read" -> new ServerCounts(reads + n, dryRuns, writes, events);
            case "dryRun" -> new ServerCounts(reads, dryRuns + n, writes, events);
            case "write" -> new ServerCounts(reads, dryRuns, writes + n, events);
            case "event" -> new ServerCounts(reads, dryRuns, writes, events + n);
            default -> this;
        };
    }

    public long total() {
        return reads + dryRuns + writes + events;
    }
}
