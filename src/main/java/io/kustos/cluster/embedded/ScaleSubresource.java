package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/** The {@code scale} subresource of workloads ({@code kubectl scale}), as an autoscaling/v1 Scale. */
final class ScaleSubresource {

    private ScaleSubresource() {
    }

    static ObjectNode of(ObjectNode workload) {
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        JsonNode source = workload.path("metadata");
        for (String f : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (source.has(f)) {
                meta.set(f, source.get(f).deepCopy());
            }
        }
        scale.putObject("spec").put("replicas", workload.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", workload.path("status").path("replicas").asInt(0));
        status.put("selector", selector(workload.path("spec").path("selector").path("matchLabels")));
        return scale;
    }

    static ApiResponse replace(ObjectNode old, ObjectNode scale, ResourcePath rp, ObjectWriter writer,
                               ObjectWriter.Options options) {
        return write(old, scale, rp, writer, options);
    }

    static ApiResponse patch(ObjectNode old, ApiRequest req, ResourcePath rp, ObjectWriter writer,
                             ObjectWriter.Options options) {
        ObjectNode patched = Patches.apply(req.mediaType(), of(old), req.body());
        return write(old, patched, rp, writer, options);
    }

    private static ApiResponse write(ObjectNode old, ObjectNode scale, ResourcePath rp, ObjectWriter writer,
                                     ObjectWriter.Options options) {
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isInt() || replicas.asInt() < 0) {
            Violations v = new Violations();
            v.invalid("spec.replicas", replicas.asText(), "must be greater than or equal to 0");
            v.throwIfAny("Scale", rp.name());
        }
        ObjectNode updated = old.deepCopy();
        Json.with(updated, "spec").put("replicas", replicas.asInt());
        ObjectNode stored = writer.write(rp.type(), old, updated, options);
        return new ApiResponse(200, Json.write(of(stored)));
    }

    private static String selector(JsonNode matchLabels) {
        StringJoiner joiner = new StringJoiner(",");
        Iterator<Map.Entry<String, JsonNode>> it = matchLabels.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            joiner.add(e.getKey() + "=" + e.getValue().asText());
        }
        return joiner.toString();
    }
}
