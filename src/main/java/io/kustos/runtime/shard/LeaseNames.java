package io.kustos.runtime.shard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An identity as a Lease name may hold it: lower case, letters, digits, '-' and '.', at most 200 characters. An
 * identity that had to be rewritten gets a short hash of itself appended, so that two identities that rewrite alike
 * ({@code Kustos_1}, {@code kustos-1}; or a long name cut short) never share a member Lease (review9-shard #17).
 */
final class LeaseNames {
    static final int MAX = 200;
    /** "-" and 8 hex digits of SHA-256(identity). */
    private static final int SUFFIX = 9;

    private LeaseNames() {
    }

    static String of(String identity) {
        String name = identity.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        if (name.equals(identity)) {
            return name.length() <= MAX ? name : cut(name) + suffix(identity);
        }
        return (name.isEmpty() ? "replica" : cut(name)) + suffix(identity);
    }

    private static String cut(String name) {
        return name.length() <= MAX - SUFFIX ? name : name.substring(0, MAX - SUFFIX).replaceAll("[^a-z0-9]+$", "");
    }

    private static String suffix(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
