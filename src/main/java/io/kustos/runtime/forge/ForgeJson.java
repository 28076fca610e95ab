package io.kustos.runtime.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The JSON the forges' REST APIs share (GitHub, Gitea and GitLab alike): a comment's body, a commit
 * status, the newest of Kustos's statuses, and listings read page by page.
 */
final class ForgeJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** GitHub refuses longer status descriptions; the others take them, cut the same. */
    static final int DESCRIPTION_LIMIT = 140;
    /** Items asked for per page of a listing. */
    static final int PAGE = 100;

    private ForgeJson() {
    }

    /** Reads pages 1, 2, … of a listing ({@code page} answers one) until one holds fewer than a full page. */
    static void paged(IntFunction<String> page, Consumer<JsonNode> each) {
        for (int n = 1; ; n++) {
            JsonNode items = read(page.apply(n));
            items.forEach(each);
            if (items.size() < PAGE) {
                return;
            }
        }
    }

    /** A commit status: its state as the forge words it, {@link ForgeApi#STATUS_CONTEXT} under {@code contextField}, the description cut to fit. */
    static String status(String state, String contextField, String description) {
        ObjectNode json = JSON.createObjectNode();
        json.put("state", state);
        json.put(contextField, ForgeApi.STATUS_CONTEXT);
        json.put("description", Descriptions.fit(description, DESCRIPTION_LIMIT));
        return json.toString();
    }

    /** The newest status of {@code statuses} (the highest id) named {@link ForgeApi#STATUS_CONTEXT} under {@code contextField}. */
    static Optional<JsonNode> newest(JsonNode statuses, String contextField) {
        JsonNode newest = null;
        for (JsonNode s : statuses) {
            if (ForgeApi.STATUS_CONTEXT.equals(s.path(contextField).asText()) && (newest == null || s.path("id").asLong() > newest.path("id").asLong())) {
                newest = s;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** {@code status} has {@code state} (under {@code stateField}) and {@code description} as {@link #status} sent it. */
    static boolean same(JsonNode status, String stateField, String state, String description) {
        return status.path(stateField).asText().equals(state) && status.path("description").asText().equals(Descriptions.fit(description, DESCRIPTION_LIMIT));
    }

    static String body(String body) {
        return JSON.createObjectNode().put("body", body).toString();
    }

    /** A JSON array; empty when {@code json} is none. */
    static JsonNode read(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node == null || !node.isArray() ? JSON.createArrayNode() : node;
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }
}
