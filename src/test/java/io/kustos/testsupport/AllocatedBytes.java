package io.kustos.testsupport;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

/** Bytes of heap the current thread allocates while doing something: a bound on memory that does not depend on timing. */
public final class AllocatedBytes {
    private static final com.sun.management.ThreadMXBean THREAD =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocatedBytes() {
    }

    /** What {@code work} returned and the bytes allocated to compute it. */
    public record Measured<T>(T result, long bytes) {
    }

    public static <T> Measured<T> of(Callable<T> work) throws Exception {
        long before = THREAD.getCurrentThreadAllocatedBytes();
        T result = work.call();
        return new Measured<>(result, THREAD.getCurrentThreadAllocatedBytes() - before);
    }
}
