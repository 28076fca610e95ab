package io.kustos.runtime.shard;

/**
 * The last request of one kind (a reconcile or a preview, {@link ReconcileRequests}) that a replica's looks found on
 * its Lease: which one is news to act on.
 */
final class RequestWatch {
    private final String identity;
    private boolean looked;
    private ReconcileRequests.Request last;

    /** @param identity this replica's: a request it recorded itself is no news to it */
    RequestWatch(String identity) {
        this.identity = identity;
    }

    /**
     * Whether {@code request} (what this look found; null: none) was recorded by another replica since the last look.
     * The first look only remembers it: what was recorded before this replica joined is not acted on.
     */
    boolean fresh(ReconcileRequests.Request request) {
        boolean fresh = looked && request != null && !request.equals(last) && !identity.equals(request.by());
        looked = true;
        last = request;
        return fresh;
    }
}
