package io.kustos.config;

import java.time.Duration;

/**
 * Every git call gives up before the next poll is due: {@code sources.<name>.timeout} is shorter
 * than {@code sync.interval}, so a stalled remote ends one poll with an error (and the daemon heals
 * drift from its last rendered state) instead of keeping a reconcile running into the next one.
 * Unset, the timeout is {@link SourceSpec#DEFAULT_TIMEOUT} (60s, as Flux's GitRepository), or half
 * the interval when that is shorter; set to the interval or longer, it is refused at start.
 */
final class GitTimeoutRule {
    private static final Duration AT_LEAST = Duration.ofSeconds(1);

    private GitTimeoutRule() {
    }

    /** The timeout when none is set: 60s, or half of {@code interval} when that is shorter. */
    static Duration defaultFor(Duration interval) {
        Duration half = interval.dividedBy(2);
        return half.compareTo(SourceSpec.DEFAULT_TIMEOUT) < 0 ? half : SourceSpec.DEFAULT_TIMEOUT;
    }

    /**
     * The timeout of the source mapping {@code source} under this poll interval; a bad one is
     * reported (naming the field) and null returned.
     */
    static Duration timeout(ConfigNode source, Duration interval) {
        if (!source.has("timeout")) {
            return defaultFor(interval);
        }
        Duration timeout = source.duration("timeout", AT_LEAST, "1s");
        if (timeout != null && timeout.compareTo(interval) >= 0) {
            source.problem("timeout", "\"" + source.string("timeout") + "\" is not shorter than sync.interval ("
                    + Durations.format(interval) + "): a git call must give up before the next poll is due;"
                    + " set a shorter timeout or a longer sync.interval");
            return null;
        }
        return timeout;
    }
}
