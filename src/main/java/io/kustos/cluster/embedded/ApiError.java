package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A failed request, answered with a {@code Status} object shaped like the real API server's.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One entry of {@code details.causes}. */
    public record Cause(String reason, String message, String field) {
    }

    private final int code;
    private final String reason;
    private final String name;
    private final String kind;
    private final List<Cause> causes;
    private String group;

    public ApiError(int code, String reason, String message, String name, String kind, List<Cause> causes) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.name = name;
        this.kind = kind;
        this.causes = List.copyOf(causes);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message, null, null, List.of());
    }

    /** {@code configmaps "x" not found}. */
    public static ApiError notFound(String plural, String name) {
        return new ApiError(404, "NotFound", plural + " \"" + name + "\" not found", name, plural, List.of());
    }

    public static ApiError alreadyExists(String plural, String name) {
        return new ApiError(409, "AlreadyExists", plural + " \"" + name + "\" already exists", name, plural,
                List.of());
    }

    /** A stale resourceVersion. */
    public static ApiError modified(String plural, String name) {
        return new ApiError(409, "Conflict", "Operation cannot be fulfilled on " + plural + " \"" + name
                + "\": the object has been modified; please apply your changes to the latest version and try again",
                name, plural, List.of());
    }

    public static ApiError unsupportedMediaType(String type) {
        return new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
                + "application/apply-patch+yaml, application/strategic-merge-patch+json; got " + type,
                null, null, List.of());
    }

    /** Adds {@code details.group}. */
    public ApiError inGroup(String apiGroup) {
        this.group = apiGroup;
        return this;
    }

    public int code() {
        return code;
    }

    public List<Cause> causes() {
        return causes;
    }

    public String reason() {
        return reason;
    }

    /** The Status object. */
    public ObjectNode toStatus() {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", getMessage());
        status.put("reason", reason);
        if (name != null || kind != null || !causes.isEmpty()) {
            ObjectNode details = status.putObject("details");
            if (name != null) {
                details.put("name", name);
            }
            if (group != null) {
                details.put("group", group);
            }
            if (kind != null) {
                details.put("kind", kind);
            }
            if (!causes.isEmpty()) {
                ArrayNode list = details.putArray("causes");
                for (Cause c : causes) {
                    ObjectNode n = list.addObject();
                    n.put("reason", c.reason());
                    n.put("message", c.message());
                    n.put("field", c.field());
                }
            }
        }
        status.put("code", code);
        return status;
    }

    public ApiResponse toResponse() {
        return new ApiResponse(code, Json.write(toStatus()));
    }
}
