package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Collects field errors and turns them into the real server's 422 Invalid status. */
final class Violations {

    private final List<ApiError.Cause> causes = new ArrayList<>();

    void invalid(String field, String value, String message) {
        causes.add(new ApiError.Cause("FieldValueInvalid",
                "Invalid value: " + Json.write(TextNode.valueOf(value)) + ": " + message, field));
    }

    void required(String field) {
        causes.add(new ApiError.Cause("FieldValueRequired", "Required value", field));
    }

    void tooLong(String field, long max) {
        causes.add(new ApiError.Cause("FieldValueTooLong", "Too long: must have at most " + max + " bytes", field));
    }

    void unsupported(String field, String value, List<String> supported) {
        String list = supported.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
        causes.add(new ApiError.Cause("FieldValueNotSupported",
                "Unsupported value: \"" + value + "\": supported values: " + list, field));
    }

    void forbidden(String field, String message) {
        causes.add(new ApiError.Cause("FieldValueForbidden", "Forbidden: " + message, field));
    }

    void raw(String reason, String field, String message) {
        causes.add(new ApiError.Cause(reason, message, field));
    }

    boolean isEmpty() {
        return causes.isEmpty();
    }

    /** Throws {@code Kind "name" is invalid: field: message} (several in brackets) if any error was found. */
    void throwIfAny(String kind, String name) {
        if (causes.isEmpty()) {
            return;
        }
        List<String> parts = causes.stream().map(c -> c.field() + ": " + c.message()).toList();
        String joined = parts.size() == 1 ? parts.get(0) : "[" + String.join(", ", parts) + "]";
        throw new ApiError(422, "Invalid", kind + " \"" + name + "\" is invalid: " + joined, name, kind, causes);
    }
}
