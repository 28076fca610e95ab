package io.kustos.decrypt.age;

import java.security.SecureRandom;

/** A public key a file key can be wrapped for: {@code age1…} (X25519) or {@code age1pq1…} (hybrid). */
public sealed interface AgeRecipient permits X25519Recipient, HybridRecipient {

    /** A new stanza that gives {@code fileKey} to this recipient. */
    Stanza wrap(byte[] fileKey, SecureRandom random);

    /** Whether this recipient type resists quantum computers; age does not mix the two kinds. */
    boolean postQuantum();

    /**
     * Parses an {@code age1…} or {@code age1pq1…} recipient.
     *
     * @throws IllegalArgumentException naming the fault
     */
    static AgeRecipient parse(String recipient) {
        String s = recipient.strip();
        Bech32.Decoded decoded;
        try {
            decoded = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid age recipient '" + s + "': " + e.getMessage(), e);
        }
        return switch (decoded.hrp()) {
            case X25519Recipient.HRP -> new X25519Recipient(decoded.data());
            case HybridRecipient.HRP -> new HybridRecipient(decoded.data());
            default -> throw new IllegalArgumentException("invalid age recipient '" + s
                    + "': unsupported type (expected age1… or age1pq1…)");
        };
    }
}
