package io.kustos.reconcile;

/**
 * Which git sources a poll fetches: both (a timer, a leader's first poll, a webhook that names no repo), or only
 * the one a webhook named ({@code POST /hooks/<provider>/config} or {@code …/releases}), as a Flux Receiver triggers
 * only the sources it names. The other stays at the revision it was last fetched at, and the next poll of both fetches it.
 */
public record PollScope(boolean config, boolean releases) {
    public static final PollScope BOTH = new PollScope(true, true);
    public static final PollScope CONFIG = new PollScope(true, false);
    public static final PollScope RELEASES = new PollScope(false, true);

    public PollScope {
        if (!config && !releases) {
            throw new IllegalArgumentException("a poll fetches at least one source");
        }
    }

    /** The scope of a source's name, {@code config} or {@code releases}; null for any other name. */
    public static PollScope named(String source) {
        return switch (source) {
            case "config" -> CONFIG;
            case "releases" -> RELEASES;
            default -> null;
        };
    }

    /** What both scopes fetch. */
    public PollScope and(PollScope other) {
        return new PollScope(config || other.config, releases || other.releases);
    }

    public boolean both() {
        return config && releases;
    }
}
