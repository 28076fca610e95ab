package io.kustos.live;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * A GET of one object ({@link CachesWithFreshObjects}' fresh reads) that failed: the client's failure as it was (its
 * message, cause, status and code), and which object was read, for {@link LiveStateReader} to say so rather than name a list.
 */
final class FailedGet extends KubernetesClientException {
    private final String object;

    FailedGet(String object, KubernetesClientException e) {
        super(e.getMessage(), e.getCause(), e.getCode(), e.getStatus(), null);
        this.object = object;
    }

    /** The object read, as {@code Kind namespace/name}. */
    String object() {
        return object;
    }
}
