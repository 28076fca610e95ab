package io.kustos.config;

/** @param limit how many revisions to keep in the cluster's history; default 50 */
public record HistorySettings(Integer limit) {
    public static final HistorySettings DEFAULT = new HistorySettings(null);

    public HistorySettings {
        limit = limit == null ? 50 : limit;
    }
}
