package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** GET of one object, a list (typed, sorted like etcd keys), a table for kubectl, or a watch. */
final class ReadHandler {

    private final ObjectStore store;
    private final TablePrinter tables = new TablePrinter();

    ReadHandler(ObjectStore store) {
        this.store = store;
    }

    ApiResponse getOne(ResourcePath rp, boolean asTable) {
        ObjectNode object = store.get(rp.type(), rp.namespace(), rp.name())
                .orElseThrow(() -> ApiError.notFound(rp.type().plural(), rp.name()));
        if ("scale".equals(rp.subresource())) {
            return new ApiResponse(200, Json.write(ScaleSubresource.of(object)));
        }
        if (asTable && rp.subresource() == null) {
            return new ApiResponse(200, Json.write(tables.table(rp.type(), List.of(object),
                    object.path("metadata").path("resourceVersion").asText())));
        }
        return new ApiResponse(200, Json.write(object));
    }

    /** A watch is answered by the CRUD dispatcher as a websocket stream. */
    MockResponse watch(String pathAndQuery) {
        return store.listOrWatch(pathAndQuery);
    }

    ApiResponse list(ResourcePath rp, String pathAndQuery, boolean asTable) {
        FieldSelector selector = FieldSelector.of(rp.type(), pathAndQuery);
        MockResponse raw = store.listOrWatch(FieldSelector.withoutSelector(pathAndQuery));
        ObjectNode list = Json.parseObject(raw.getBody().readUtf8());
        List<JsonNode> items = new ArrayList<>();
        list.path("items").forEach(item -> {
            if (selector.matches(item)) {
                items.add(item);
            }
        });
        items.sort(Comparator.comparing((JsonNode o) -> o.path("metadata").path("namespace").asText(""))
                .thenComparing(o -> o.path("metadata").path("name").asText("")));
        String resourceVersion = list.path("metadata").path("resourceVersion").asText("0");
        if (asTable) {
            var include = java.util.regex.Pattern.compile("[?&]includeObject=(\\w+)").matcher(pathAndQuery);
            return new ApiResponse(200, Json.write(tables.table(rp.type(), items, resourceVersion, include.find() ? include.group(1) : "Metadata")));
        }
        ObjectNode result = Json.object();
        result.put("kind", rp.type().kind() + "List");
        result.put("apiVersion", rp.type().apiVersion());
        ObjectNode meta = result.putObject("metadata");
        meta.put("resourceVersion", resourceVersion);
        ArrayNode array = result.putArray("items");
        items.forEach(array::add);
        return new ApiResponse(200, Json.write(result));
    }
}
