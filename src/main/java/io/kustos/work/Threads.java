package io.kustos.work;

import java.util.concurrent.ThreadFactory;

/** Threads of Kustos's own: daemon threads (they never keep the JVM from exiting), named for thread dumps. */
public final class Threads {
    private Threads() {
    }

    /** Makes daemon threads, each called {@code name}. */
    public static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
