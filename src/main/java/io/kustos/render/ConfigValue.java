package io.kustos.render;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One value of a ConfigMap or Secret. Its {@link #toString()} shows neither the content nor its
 * length, so a value that reaches a log line by mistake gives nothing away.
 */
public final class ConfigValue {
    private final byte[] bytes;
    private final boolean binary;

    private ConfigValue(byte[] bytes, boolean binary) {
        this.bytes = bytes.clone();
        this.binary = binary;
    }

    public static ConfigValue text(String text) {
        return new ConfigValue(text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** ConfigMap {@code binaryData}, or any Secret value. */
    public static ConfigValue bytes(byte[] bytes) {
        return new ConfigValue(bytes, true);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean binary() {
        return binary;
    }

    public int length() {
        return bytes.length;
    }

    /** The content as text; for binary values only when it is valid UTF-8. */
    public String text() {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("value is not UTF-8 text");
        }
    }

    public boolean isUtf8() {
        try {
            text();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * A short fingerprint, {@code sha256:1a2b3c4d}, that tells two ConfigMap values apart without
     * printing them, salted with the value's place ({@code object/key}). Not for Secret values:
     * anyone can compute it for a guess, so a short secret would be found again from it; a Secret's
     * fingerprint is keyed ({@code io.kustos.live.SecretFingerprints}).
     */
    public String fingerprint(String place) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            byte[] p = place.getBytes(StandardCharsets.UTF_8);
            md.update(java.nio.ByteBuffer.allocate(8).putLong(p.length).array());
            md.update(p);
            md.update(bytes);
            return "sha256:" + HexFormat.of().formatHex(md.digest(), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Equal content (the text/binary distinction matters only for ConfigMaps). */
    public boolean sameContent(ConfigValue other) {
        return Arrays.equals(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigValue v && v.binary == binary && Arrays.equals(v.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + (binary ? 1 : 0);
    }

    @Override
    public String toString() {
        return "ConfigValue[redacted]";
    }
}
