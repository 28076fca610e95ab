package io.kustos.runtime;

import io.kustos.reconcile.PollScope;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The reasons a poll runs for ({@link SingleFlight}'s triggers, coalesced) and the sources it fetches: only the ones
 * named by webhooks at {@code /hooks/<provider>/<source>} when every reason is such a webhook; both for anything else
 * (the timer, leadership, a webhook at {@code /hooks/<provider>}, a sharded replica's request).
 */
final class PollReasons {
    /** The paths each provider's webhook is served at: null for {@code /hooks/<provider>}, then one per source. */
    static final List<String> SOURCES = Arrays.asList(null, "config", "releases");
    private static final String FOR = " for ";

    private PollReasons() {
    }

    /** The reason of a push webhook: {@code webhook github}, or {@code webhook github for config}. */
    static String webhook(WebhookProvider provider, String source) {
        return "webhook " + provider.path() + (source == null ? "" : FOR + source);
    }

    /** The sources a poll for {@code reasons} fetches. */
    static PollScope scope(Set<String> reasons) {
        PollScope scope = null;
        for (String reason : reasons) {
            PollScope named = named(reason);
            if (named == null) {
                return PollScope.BOTH;
            }
            scope = scope == null ? named : scope.and(named);
        }
        return scope == null ? PollScope.BOTH : scope;
    }

    private static PollScope named(String reason) {
        int at = reason.indexOf(FOR);
        if (!reason.startsWith("webhook ") || at < 0) {
            return null;
        }
        return WebhookProvider.of(reason.substring("webhook ".length(), at)) == null ? null : PollScope.named(reason.substring(at + FOR.length()));
    }
}
