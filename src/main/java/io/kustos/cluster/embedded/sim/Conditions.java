package io.kustos.cluster.embedded.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.cluster.embedded.Json;

/** Status conditions that keep their transition time while their status stays the same. */
final class Conditions {

    private Conditions() {
    }

    /**
     * Sets condition {@code type} in {@code status.conditions}, keeping lastTransitionTime when
     * the status is unchanged and lastUpdateTime when nothing changed.
     */
    static void set(ObjectNode status, String type, String value, String reason, String message, String now,
                    boolean withUpdateTime) {
        ArrayNode list = status.withArray("conditions");
        ObjectNode existing = null;
        for (JsonNode c : list) {
            if (c.path("type").asText().equals(type)) {
                existing = (ObjectNode) c;
            }
        }
        ObjectNode next = Json.object();
        next.put("type", type);
        next.put("status", value);
        boolean sameStatus = existing != null && existing.path("status").asText().equals(value);
        boolean unchanged = sameStatus && existing.path("reason").asText().equals(reason)
                && existing.path("message").asText().equals(message);
        if (withUpdateTime) {
            next.put("lastUpdateTime", unchanged ? existing.path("lastUpdateTime").asText(now) : now);
        }
        next.put("lastTransitionTime", sameStatus ? existing.path("lastTransitionTime").asText(now) : now);
        next.put("reason", reason);
        next.put("message", message);
        if (existing == null) {
            list.add(next);
        } else {
            existing.removeAll();
            existing.setAll(next);
        }
    }

    /** The condition of this type; it must exist. */
    static ObjectNode find(ObjectNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return (ObjectNode) c;
            }
        }
        throw new IllegalStateException("no condition " + type);
    }

    static boolean isTrue(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c.path("status").asText().equals("True");
            }
        }
        return false;
    }
}
