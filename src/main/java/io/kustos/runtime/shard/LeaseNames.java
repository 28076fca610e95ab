package io.kustos.runtime.shard;

import java.util.Locale;

/** An identity as a Lease name may hold it: lower case, letters, digits, '-' and '.', at most 200 characters. */
final class LeaseNames {
    static final int MAX = 200;

    private LeaseNames() {
    }

    static String of(String identity) {
        String name = identity.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        if (name.length() > MAX) {
            name = name.substring(0, MAX).replaceAll("[^a-z0-9]+$", "");
        }
        return name.isEmpty() ? "replica" : name;
    }
}
