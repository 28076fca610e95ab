package io.kustos.work;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Kustos's own threads never keep the JVM from exiting, and a thread dump names them. */
class ThreadsTest {
    @Test
    void daemonThreadsCarryTheirName() {
        Thread thread = Threads.daemon("kustos-preview").newThread(() -> { });
        assertTrue(thread.isDaemon());
        assertEquals("kustos-preview", thread.getName());
        assertEquals(Thread.State.NEW, thread.getState(), "made, not started");
    }
}
