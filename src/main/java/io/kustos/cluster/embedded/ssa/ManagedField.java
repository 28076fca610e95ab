package io.kustos.cluster.embedded.ssa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kustos.cluster.embedded.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code metadata.managedFields}: the fields one manager owns through one
 * operation (Apply or Update).
 */
public record ManagedField(String manager, String operation, String apiVersion, String time, FieldSet fields) {

    public static final String APPLY = "Apply";
    public static final String UPDATE = "Update";

    /** Whether this entry belongs to the same manager and operation. */
    public boolean sameOwner(String otherManager, String otherOperation) {
        return manager.equals(otherManager) && operation.equals(otherOperation);
    }

    /** How conflicts name this manager: {@code "kubectl-create" using v1} for updates. */
    public String describe() {
        String quoted = Json.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(manager));
        return operation.equals(UPDATE) ? quoted + " using " + apiVersion : quoted;
    }

    public ManagedField withFields(FieldSet newFields, String newTime) {
        return new ManagedField(manager, operation, apiVersion, newTime, newFields);
    }

    /** Reads the entries of an object; none when absent. */
    public static List<ManagedField> read(JsonNode object) {
        List<ManagedField> result = new ArrayList<>();
        for (JsonNode e : object.path("metadata").path("managedFields")) {
            result.add(new ManagedField(e.path("manager").asText(""), e.path("operation").asText(UPDATE),
                    e.path("apiVersion").asText(""), e.path("time").asText(""),
                    FieldSet.fromFieldsV1(e.get("fieldsV1"))));
        }
        return result;
    }

    /** Replaces the object's entries; entries owning nothing are dropped. */
    public static void write(ObjectNode object, List<ManagedField> entries) {
        ObjectNode meta = Json.with(object, "metadata");
        ArrayNode list = Json.array();
        for (ManagedField m : entries) {
            if (m.fields().isEmpty()) {
                continue;
            }
            ObjectNode n = list.addObject();
            n.put("manager", m.manager());
            n.put("operation", m.operation());
            n.put("apiVersion", m.apiVersion());
            n.put("time", m.time());
            n.put("fieldsType", "FieldsV1");
            n.set("fieldsV1", m.fields().toFieldsV1());
        }
        if (list.isEmpty()) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", list);
        }
    }
}
