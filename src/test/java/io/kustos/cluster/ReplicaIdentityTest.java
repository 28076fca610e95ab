package io.kustos.cluster;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A sharded replica's identity: the pod's name, else host name and process id, so that replicas on one machine differ. */
class ReplicaIdentityTest {
    @Test
    void thePodsName() {
        assertEquals("kustos-7d9f-x2", LockHolder.replica(Map.of("POD_NAME", " kustos-7d9f-x2\n", "HOSTNAME", "node-1")));
    }

    @Test
    void elseTheHostAndTheProcessId() {
        assertEquals("node-1-" + ProcessHandle.current().pid(), LockHolder.replica(Map.of("HOSTNAME", "node-1", "POD_NAME", " ")));
    }
}
