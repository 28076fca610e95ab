package io.kustos.work;

/**
 * A named place in a revision's write where a test can stop the process (then kill -9 it and
 * start it again) instead of racing a timer. A point is armed only from outside the process, by
 * the environment variable {@code KUSTOS_FAULT_POINT} or the system property
 * {@code kustos.faultPoint} ({@link FaultArming}), never by kustos.yaml or anything in git.
 * Unarmed, {@link #reach()} compares one constant and returns.
 */
public enum FaultPoint {
    /** The server accepted every dry run of the plan (and of its hooks' Jobs); nothing is written yet. */
    DRY_RUN("dry-run"),
    /** One more object was written by a server-side apply (n: after the nth object the process writes). */
    WRITE_MID("write.mid"),
    /** A pre-deploy hook's Job was created; its run is not waited for yet. */
    HOOK_CREATED("hook.created"),
    /** A pre-deploy hook's Job succeeded; that is not yet recorded on its workload nor the Job deleted. */
    HOOK_SUCCEEDED("hook.succeeded"),
    /** The workloads of the plan were written; their rollouts are not waited for yet. */
    ROLLOUT_WAIT("rollout.wait"),
    /** The revision rolled out; its history record and last good state are not written yet. */
    HISTORY_BEFORE("history.before"),
    /** The history record and state were written; the Event is not. */
    HISTORY_AFTER("history.after");

    private final String label;

    FaultPoint(String label) {
        this.label = label;
    }

    /** The name that arms it, as in {@code KUSTOS_FAULT_POINT=write.mid:3}. */
    public String label() {
        return label;
    }

    /** The point is passed: when it is armed (and this is its nth pass or later), stops the process here. */
    public void reach() {
        if (FaultArming.ARMED == null || FaultArming.ARMED.point() != this) {
            return;
        }
        FaultArming.ARMED.passed();
    }

    /** The point of that label. @throws IllegalArgumentException naming the labels there are */
    public static FaultPoint of(String label) {
        for (FaultPoint p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        var known = new StringBuilder();
        for (FaultPoint p : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(p.label);
        }
        throw new IllegalArgumentException("no fault point is named '" + label + "' (there are: " + known + ")");
    }
}
