package io.kustos.cluster.embedded;

/** A status code and a JSON body. */
public record ApiResponse(int code, String body) {
}
