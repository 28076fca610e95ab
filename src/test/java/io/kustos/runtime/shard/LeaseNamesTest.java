package io.kustos.runtime.shard;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A replica's identity as a member Lease's name: what the API server accepts. */
class LeaseNamesTest {
    @Test
    void aValidObjectNameFromAnyIdentity() {
        assertEquals("kustos-7d9f-x2", LeaseNames.of("kustos-7d9f-x2"));
        assertEquals("build-host.local-4242", LeaseNames.of("Build_Host.local-4242"));
        assertEquals("a-b", LeaseNames.of("--A b!!"));
        assertEquals("replica", LeaseNames.of("___"));
        String longName = LeaseNames.of("x".repeat(300) + "-1");
        assertTrue(longName.length() <= LeaseNames.MAX && longName.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?"), longName);
    }
}
