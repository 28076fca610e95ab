package io.kustos.bench;

import java.util.concurrent.TimeUnit;

/** Ending the processes the benchmark starts (a daemon, the embedded cluster). */
final class Processes {
    private Processes() {
    }

    /** SIGTERM, up to 30 s to exit, then SIGKILL. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
