package io.kustos.cluster.embedded.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.cluster.embedded.LocalApi;
import io.kustos.cluster.embedded.ResourceType;

/** Placeholder: the simulated controllers. */
public final class Simulator implements AutoCloseable {

    private final LocalApi api;

    public Simulator(LocalApi api) {
        this.api = api;
    }

    public void changed(ResourceType type, ObjectNode object, boolean deleted) {
    }

    @Override
    public void close() {
    }
}
