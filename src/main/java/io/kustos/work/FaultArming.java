package io.kustos.work;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one fault point armed in this process, read once at start from the environment variable
 * {@code KUSTOS_FAULT_POINT} or the system property {@code kustos.faultPoint}:
 * {@code <point>[:<n>]}, e.g. {@code write.mid:3}, stops at the point's nth pass (default 1) and
 * every later one. {@code KUSTOS_FAULT_ACTION} (or {@code kustos.faultAction}) says how:
 * {@code block} (the default) announces the point on stderr and blocks the thread that reached
 * it, and every thread that passes the point after it, so that the test kills the process
 * (kill -9) with nothing written after the point; {@code halt} announces it and ends the process
 * at once with exit code 137, as a kill -9 would, running no shutdown hook.
 *
 * <p>The announcement is one line: {@code kustos: fault point write.mid:3 reached (pid 1234)}.
 */
public final class FaultArming {
    public static final String VARIABLE = "KUSTOS_FAULT_POINT";
    public static final String ACTION_VARIABLE = "KUSTOS_FAULT_ACTION";
    /** What {@link #announcement()} starts with, for a test to wait for. */
    public static final String ANNOUNCED = "kustos: fault point ";

    /** How the process stops at the point. */
    public enum Action { BLOCK, HALT }

    /** Null unless armed from outside: a constant, so an unarmed {@link FaultPoint#reach()} costs one comparison. */
    static final FaultArming ARMED;
    /** Why the setting arms nothing, when it is wrong. */
    private static final String MISARMED;

    static {
        FaultArming armed = null;
        String wrong = null;
        try {
            armed = parse(setting(VARIABLE, "kustos.faultPoint"), setting(ACTION_VARIABLE, "kustos.faultAction"));
        } catch (IllegalArgumentException e) {
            wrong = e.getMessage();
        }
        ARMED = armed;
        MISARMED = wrong;
    }

    private final FaultPoint point;
    private final int nth;
    private final Action action;
    private final AtomicInteger passes = new AtomicInteger();

    private FaultArming(FaultPoint point, int nth, Action action) {
        this.point = point;
        this.nth = nth;
        this.action = action;
    }

    /**
     * The point this process has armed, if any; called at start so that a misspelt name fails
     * before anything is written. @throws IllegalArgumentException saying what is wrong with the setting
     */
    public static java.util.Optional<FaultArming> armed() {
        if (MISARMED != null) {
            throw new IllegalArgumentException(MISARMED);
        }
        return java.util.Optional.ofNullable(ARMED);
    }

    public FaultPoint point() {
        return point;
    }

    public int nth() {
        return nth;
    }

    public Action action() {
        return action;
    }

    /**
     * @param value  {@code <point>[:<n>]}, or null/blank for none
     * @param action {@code block}, {@code halt}, or null/blank for block
     * @throws IllegalArgumentException naming the variable and what it may say
     */
    public static FaultArming parse(String value, String action) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String[] parts = value.strip().split(":", 2);
        int nth;
        try {
            nth = parts.length == 2 ? Integer.parseInt(parts[1]) : 1;
        } catch (NumberFormatException e) {
            nth = 0;
        }
        if (nth < 1) {
            throw new IllegalArgumentException(VARIABLE + "=" + value + ": after ':' comes the pass to stop at, a number from 1");
        }
        Action how;
        if (action == null || action.isBlank() || action.strip().equalsIgnoreCase("block")) {
            how = Action.BLOCK;
        } else if (action.strip().equalsIgnoreCase("halt")) {
            how = Action.HALT;
        } else {
            throw new IllegalArgumentException(ACTION_VARIABLE + "=" + action + ": say block or halt");
        }
        try {
            return new FaultArming(FaultPoint.of(parts[0]), nth, how);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + "=" + value + ": " + e.getMessage());
        }
    }

    /** What is printed when the point is reached. */
    public String announcement() {
        return ANNOUNCED + point.label() + ":" + nth + " reached (pid " + ProcessHandle.current().pid() + ")";
    }

    /** One pass of the armed point: from the nth on, stops here. */
    void passed() {
        int pass = passes.incrementAndGet();
        if (pass < nth) {
            return;
        }
        if (pass == nth) {
            System.err.println(announcement());
            System.err.flush();
        }
        if (action == Action.HALT) {
            Runtime.getRuntime().halt(137);
        }
        block();
    }

    private static void block() {
        Object never = new Object();
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    // stopped here until killed: an interrupt (a pool closing) must not let the write go on
                }
            }
        }
    }

    private static String setting(String variable, String property) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(variable);
    }
}
