package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Told about every stored change (never about dry runs); used by the simulated controllers. */
interface ChangeListener {

    void changed(ResourceType type, ObjectNode object, boolean deleted);

    ChangeListener NONE = (type, object, deleted) -> { };
}
