package io.kustos.cluster;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether one API server answers: a request that got no answer at all (connection refused or
 * reset, a timeout) marks it unanswering until the next answer of any status. Seen on every
 * request of the cluster's one client (reconciles, watches, locks), so a cluster found down by
 * one environment is known down to the others of that cluster before they send anything.
 */
public final class ApiServerAnswers implements Interceptor {
    /** Why the last request got no answer; null when the last one was answered. */
    private final AtomicReference<String> unanswered = new AtomicReference<>();

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        answered();
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        if (!(failure instanceof CancellationException)) { // a watch Kustos closed itself is no sign of the server
            noAnswer(failure);
        }
    }

    void answered() {
        unanswered.set(null);
    }

    void noAnswer(Throwable failure) {
        unanswered.set(why(failure));
    }

    /** Why a request got no answer, by its root cause, e.g. {@code ConnectException: Connection refused}. */
    public static String why(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Whether the last request sent got no answer (and none was answered since). */
    public boolean down() {
        return unanswered.get() != null;
    }

    /** Why the last request got no answer, e.g. {@code ConnectException: Connection refused}; null when it was answered. */
    public String lastFailure() {
        return unanswered.get();
    }
}
