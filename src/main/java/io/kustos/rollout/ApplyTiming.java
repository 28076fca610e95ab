package io.kustos.rollout;

import java.util.Locale;

/**
 * The last note of an applied environment: where its time went, writing, running pre-deploy
 * hooks, and then waiting for the controllers to roll its workloads out.
 */
public final class ApplyTiming {
    private ApplyTiming() {
    }

    /**
     * {@code took 0.04 s to write 3 objects, 1.00 s running 1 hook, then 0.51 s waiting for 1 rollout};
     * the hooks' part only when hooks ran.
     */
    public static String line(int written, long writingNanos, int hooks, long hooksNanos, int workloads, long waitedNanos) {
        String hookPart = hooks == 0 ? "" : String.format(Locale.ROOT, ", %.2f s running %d hook%s", hooksNanos / 1e9, hooks, hooks == 1 ? "" : "s");
        return String.format(Locale.ROOT, "took %.2f s to write %d object%s%s, then %.2f s waiting for %d rollout%s",
                writingNanos / 1e9, written, written == 1 ? "" : "s", hookPart, waitedNanos / 1e9, workloads, workloads == 1 ? "" : "s");
    }
}
