package io.kustos.render;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * SHA-256 over a length-prefixed encoding: every field is written as its length then its bytes,
 * so no two different inputs encode the same (unlike joining {@code k=v;} pairs).
 */
public final class CanonicalHasher {
    private final MessageDigest md;

    public CanonicalHasher() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public CanonicalHasher bytes(byte[] b) {
        md.update(ByteBuffer.allocate(8).putLong(b.length).array());
        md.update(b);
        return this;
    }

    public CanonicalHasher string(String s) {
        return bytes(s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8));
    }

    public CanonicalHasher number(long n) {
        md.update(ByteBuffer.allocate(8).putLong(n).array());
        return this;
    }

    public CanonicalHasher strings(SortedMap<String, String> map) {
        number(map.size());
        map.forEach((k, v) -> string(k).string(v));
        return this;
    }

    public CanonicalHasher values(SortedMap<String, ConfigValue> map) {
        number(map.size());
        for (Map.Entry<String, ConfigValue> e : map.entrySet()) {
            string(e.getKey()).number(e.getValue().binary() ? 1 : 0).bytes(e.getValue().bytes());
        }
        return this;
    }

    /** The 32 bytes of the SHA-256 (to be hashed in turn: a digest over digests). */
    public byte[] sum() {
        return md.digest();
    }

    /** {@code sha256:<64 hex>} */
    public String finish() {
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }
}
