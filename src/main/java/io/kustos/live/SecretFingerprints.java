package io.kustos.live;

import io.kustos.render.ConfigValue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Fingerprints of Secret values, {@code hmac:1a2b3c4d}: HMAC-SHA256, keyed with the installation's
 * key (the Secret {@code kustos-fingerprint-key} of the target's namespace), over the value's
 * place ({@code secret/NAMESPACE/NAME/KEY}, length-prefixed) and the value, cut to 32 bits. Two
 * fingerprints of one key tell whether its value changed, and a fingerprint in the history can be
 * matched with one in a later diff; without the key nobody can test a guess against one (an
 * unkeyed hash of a 6-digit PIN falls to a million tries). Without a key ({@link #NONE}: the
 * key does not exist yet, and {@code kustos diff} never writes) there is no fingerprint at all,
 * only "changed". The key itself is never shown, not even by {@link #toString()}.
 */
public final class SecretFingerprints {
    /** No key: Secret values show only as hidden, changes only as "changed". */
    public static final SecretFingerprints NONE = new SecretFingerprints(null);
    /** The prefix of a keyed fingerprint; anything else recorded for a Secret key is not one. */
    public static final String PREFIX = "hmac:";
    /** Bytes of a key Kustos makes; a shorter key is not used. */
    public static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    /** Initialised with the key; each fingerprint uses a clone (a Mac is not thread-safe). */
    private final Mac prototype;

    private SecretFingerprints(SecretKeySpec key) {
        if (key == null) {
            this.prototype = null;
            return;
        }
        try {
            this.prototype = Mac.getInstance(ALGORITHM);
            prototype.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /** @throws IllegalArgumentException the key is shorter than {@link #KEY_BYTES} */
    public static SecretFingerprints keyed(byte[] key) {
        if (key == null || key.length < KEY_BYTES) {
            throw new IllegalArgumentException("a fingerprint key needs at least " + KEY_BYTES + " bytes");
        }
        return new SecretFingerprints(new SecretKeySpec(key, ALGORITHM));
    }

    public boolean keyed() {
        return prototype != null;
    }

    /**
     * @param place where the value is, {@code secret/NAMESPACE/NAME/KEY}
     * @return {@code hmac:} and 8 hex digits; empty without a key
     */
    public Optional<String> of(String place, ConfigValue value) {
        if (prototype == null) {
            return Optional.empty();
        }
        try {
            Mac mac = (Mac) prototype.clone();
            byte[] p = place.getBytes(StandardCharsets.UTF_8);
            mac.update(ByteBuffer.allocate(8).putLong(p.length).array());
            mac.update(p);
            mac.update(value.bytes());
            return Optional.of(PREFIX + HexFormat.of().formatHex(mac.doFinal(), 0, 4));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(ALGORITHM + " cannot be cloned", e);
        }
    }

    /**
     * A digest over Secret values, keyed: {@code hmac:} and 64 hex digits of the HMAC of
     * {@code digest}. For {@link ConfigHash}, whose unkeyed SHA-256 of a workload's inputs would let
     * anyone who may read the workload test guesses of the Secret values in them.
     *
     * @throws IllegalStateException without a key
     */
    public String keyedDigest(String digest) {
        if (prototype == null) {
            throw new IllegalStateException("no fingerprint key");
        }
        try {
            Mac mac = (Mac) prototype.clone();
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(digest.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(ALGORITHM + " cannot be cloned", e);
        }
    }

    @Override
    public String toString() {
        return prototype == null ? "SecretFingerprints[no key]" : "SecretFingerprints[keyed]";
    }
}
