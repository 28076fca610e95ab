package io.kustos.reconcile;

import java.util.Locale;

/**
 * The last note of an applied environment: where its time went, writing (pre-deploy hooks
 * included) and then waiting for the controllers to roll its workloads out.
 */
public final class ApplyTiming {
    private ApplyTiming() {
    }

    public static String line(int written, long writingNanos, int workloads, long waitedNanos) {
        return String.format(Locale.ROOT, "took %.2f s to write %d object%s, then %.2f s waiting for %d rollout%s",
                writingNanos / 1e9, written, written == 1 ? "" : "s", waitedNanos / 1e9, workloads, workloads == 1 ? "" : "s");
    }
}
