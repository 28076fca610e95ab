package io.kustos.apply;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The API server's {@code Warning} headers on an apply (a deprecated API, a field it ignores, an admission webhook's
 * {@code warnings}), logged at WARN as kubectl prints them on stderr (fabric8's typed patch logged them at DEBUG unless
 * {@code fieldValidation=Warn}, which Kustos never sets). A warning is free text that may echo a field: it goes through
 * the object's Secret scrubber first, as an error about it does. Each is logged once per object and body in a process:
 * the write that follows a dry run sends the same body to the same path and gets the same warnings.
 */
final class ApiServerWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServerWarnings.class);
    /** Beyond this many objects with warnings, the memory starts again (a warning may then be logged twice). */
    private static final int MAX_OBJECTS = 10_000;
    /** By object path: the hash of the body last sent and the (scrubbed) warnings already logged for it. */
    private static final Map<String, Seen> SEEN = new ConcurrentHashMap<>();

    private record Seen(int body, Set<String> warnings) {
    }

    private ApiServerWarnings() {
    }

    /** Logs each of {@code warnings} (the answer to {@code body} sent to {@code path}) not yet logged for that path and body. */
    static void log(String path, String method, String body, List<String> warnings, UnaryOperator<String> scrub) {
        if (warnings.isEmpty()) {
            return;
        }
        if (SEEN.size() >= MAX_OBJECTS) {
            SEEN.clear();
        }
        int hash = body.hashCode();
        for (String warning : warnings) {
            String text = scrub.apply(warning);
            var seen = SEEN.compute(path, (p, last) -> last == null || last.body() != hash ? new Seen(hash, ConcurrentHashMap.newKeySet()) : last);
            if (seen.warnings().add(text)) {
                LOG.warn("{} {}: the API server warns: {}", path, method, text);
            }
        }
    }
}
