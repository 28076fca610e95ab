package io.kustos.runtime.shard;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A replica's identity as a member Lease's name: what the API server accepts, and one per identity. */
class LeaseNamesTest {
    private static final String VALID = "[a-z0-9]([a-z0-9.-]*[a-z0-9])?";

    @Test
    void aValidObjectNameFromAnyIdentity() {
        assertEquals("kustos-7d9f-x2", LeaseNames.of("kustos-7d9f-x2"), "a valid name stays as it is");
        assertTrue(LeaseNames.of("Build_Host.local-4242").matches("build-host\\.local-4242-[0-9a-f]{8}"), LeaseNames.of("Build_Host.local-4242"));
        assertTrue(LeaseNames.of("--A b!!").matches("a-b-[0-9a-f]{8}"), LeaseNames.of("--A b!!"));
        assertTrue(LeaseNames.of("___").matches("replica-[0-9a-f]{8}"), LeaseNames.of("___"));
        for (String id : new String[]{"x".repeat(300) + "-1", "Y".repeat(300), "Build_Host.local-4242", "___"}) {
            String name = LeaseNames.of(id);
            assertTrue(name.length() <= LeaseNames.MAX && name.matches(VALID), name);
            assertEquals(name, LeaseNames.of(id), "the same every time");
        }
    }

    /** Review9-shard #17: before, these pairs shared a member Lease, and the second replica never joined. */
    @Test
    void identitiesThatRewriteAlikeGetLeasesOfTheirOwn() {
        assertNotEquals(LeaseNames.of("kustos-1"), LeaseNames.of("Kustos_1"));
        assertNotEquals(LeaseNames.of("Kustos_1"), LeaseNames.of("KUSTOS 1"));
        assertNotEquals(LeaseNames.of("x".repeat(300) + "-1"), LeaseNames.of("x".repeat(300) + "-2"), "cut at the same place");
        assertNotEquals(LeaseNames.of("x".repeat(300)), LeaseNames.of("x".repeat(301)));
    }
}
