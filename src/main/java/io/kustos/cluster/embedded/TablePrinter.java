package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Server-side printing ({@code Accept: ...;as=Table;g=meta.k8s.io}) so that {@code kubectl get}
 * shows the usual columns (READY, UP-TO-DATE, DATA, LAST SEEN, ...) instead of only NAME and AGE.
 * Each row carries its object as the query's {@code includeObject} asks: {@code Metadata} (the
 * default), {@code Object} (what {@code kubectl get --sort-by} needs) or {@code None}.
 */
final class TablePrinter {

    /** @param priority 0: shown by {@code kubectl get}; 1: only with {@code -o wide} */
    private record Column(String name, String type, Function<JsonNode, Object> cell, int priority) {
        Column(String name, String type, Function<JsonNode, Object> cell) {
            this(name, type, cell, 0);
        }
    }

    ObjectNode table(ResourceType type, List<JsonNode> items, String resourceVersion) {
        return table(type, items, resourceVersion, "Metadata");
    }

    /** @param includeObject the query's {@code includeObject}: {@code None}, {@code Metadata} or {@code Object} */
    ObjectNode table(ResourceType type, List<JsonNode> items, String resourceVersion, String includeObject) {
        List<Column> columns = columns(type.kind());
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", resourceVersion);
        ArrayNode defs = table.putArray("columnDefinitions");
        for (Column c : columns) {
            ObjectNode d = defs.addObject();
            d.put("name", c.name());
            d.put("type", c.type());
            d.put("format", c.name().equals("Name") ? "name" : "");
            d.put("description", "");
            d.put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode item : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Column c : columns) {
                cells.addPOJO(c.cell().apply(item));
            }
            if (includeObject.equals("Object")) {
                row.set("object", item.deepCopy());
            } else if (!includeObject.equals("None")) {
                ObjectNode object = row.putObject("object");
                object.put("kind", "PartialObjectMetadata");
                object.put("apiVersion", "meta.k8s.io/v1");
                object.set("metadata", item.path("metadata").deepCopy());
            }
        }
        return table;
    }

    private static List<Column> columns(String kind) {
        Column name = new Column("Name", "string", o -> o.path("metadata").path("name").asText());
        Column age = new Column("Age", "string", o -> age(o.path("metadata").path("creationTimestamp").asText("")));
        return switch (kind) {
            case "ConfigMap" -> List.of(name, new Column("Data", "integer", o -> count(o, "data") + count(o, "binaryData")), age);
            case "Secret" -> List.of(name, new Column("Type", "string", o -> o.path("type").asText()),
                    new Column("Data", "integer", o -> count(o, "data")), age);
            case "Namespace" -> List.of(name, new Column("Status", "string",
                    o -> o.path("status").path("phase").asText("Active")), age);
            case "Deployment" -> List.of(name,
                    new Column("Ready", "string", o -> status(o, "readyReplicas") + "/" + o.path("spec").path("replicas").asInt()),
                    new Column("Up-to-date", "integer", o -> status(o, "updatedReplicas")),
                    new Column("Available", "integer", o -> status(o, "availableReplicas")), age);
            case "ReplicaSet" -> List.of(name,
                    new Column("Desired", "integer", o -> o.path("spec").path("replicas").asInt()),
                    new Column("Current", "integer", o -> status(o, "replicas")),
                    new Column("Ready", "integer", o -> status(o, "readyReplicas")), age);
            case "StatefulSet" -> List.of(name, new Column("Ready", "string",
                    o -> status(o, "readyReplicas") + "/" + o.path("spec").path("replicas").asInt()), age);
            case "Job" -> List.of(name,
                    new Column("Completions", "string", o -> status(o, "succeeded") + "/"
                            + o.path("spec").path("completions").asInt(1)), age);
            case "Event" -> List.of(new Column("Last Seen", "string", TablePrinter::lastSeen),
                    new Column("Type", "string", o -> o.path("type").asText()),
                    new Column("Reason", "string", o -> o.path("reason").asText()),
                    new Column("Object", "string", o -> o.path("involvedObject").path("kind").asText().toLowerCase(java.util.Locale.ROOT)
                            + "/" + o.path("involvedObject").path("name").asText()),
                    new Column("Message", "string", o -> o.path("message").asText()),
                    new Column("Name", "string", o -> o.path("metadata").path("name").asText(), 1));
            default -> List.of(name, age);
        };
    }

    /** As the real server prints an Event: the age of its last timestamp, else of its event time, else of its first. */
    private static String lastSeen(JsonNode o) {
        for (String field : List.of("lastTimestamp", "eventTime", "firstTimestamp")) {
            String t = o.path(field).asText("");
            if (!t.isEmpty() && !o.path(field).isNull()) {
                return age(t);
            }
        }
        return "<unknown>";
    }

    private static int count(JsonNode o, String field) {
        return o.path(field).size();
    }

    private static int status(JsonNode o, String field) {
        return o.path("status").path(field).asInt(0);
    }

    /** Kubernetes' short human duration: 45s, 5m30s, 3h, 2d4h, 3y. */
    static String age(String timestamp) {
        if (timestamp.isEmpty()) {
            return "<unknown>";
        }
        Duration d = Duration.between(Instant.parse(timestamp), Instant.now());
        long seconds = Math.max(0, d.getSeconds());
        long minutes = seconds / 60;
        long hours = minutes / 60;
        long days = hours / 24;
        if (seconds < 120) {
            return seconds + "s";
        } else if (minutes < 10) {
            return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + (seconds % 60) + "s";
        } else if (minutes < 180) {
            return minutes + "m";
        } else if (hours < 8) {
            return minutes % 60 == 0 ? hours + "h" : hours + "h" + (minutes % 60) + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            return hours % 24 == 0 ? days + "d" : days + "d" + (hours % 24) + "h";
        } else if (days < 365 * 2) {
            return days + "d";
        }
        return days / 365 + "y";
    }
}
