package io.kustos.decrypt.age;

import java.util.Arrays;
import java.util.Base64;

/**
 * The base64 of the age header: standard alphabet, no {@code =} padding, and only the canonical
 * encoding (unused trailing bits zero), as c2sp.org/age requires of decoders.
 */
final class CanonicalBase64 {
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private CanonicalBase64() {
    }

    static String encode(byte[] data) {
        return ENCODER.encodeToString(data);
    }

    /**
     * @throws IllegalArgumentException when {@code s} has a character outside the alphabet,
     *                                  padding, an impossible length or non-zero trailing bits
     */
    static byte[] decode(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isAlphabet(s.charAt(i))) {
                throw new IllegalArgumentException("invalid base64 character at column " + (i + 1));
            }
        }
        if (s.length() % 4 == 1) {
            throw new IllegalArgumentException("invalid base64 length");
        }
        byte[] data = Base64.getDecoder().decode(s);
        if (!ENCODER.encodeToString(data).equals(s)) {
            throw new IllegalArgumentException("non-canonical base64");
        }
        return data;
    }

    /** Decodes {@code s} and checks it holds exactly {@code length} bytes. */
    static byte[] decode(String s, int length, String what) {
        byte[] data;
        try {
            data = decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        if (data.length != length) {
            Arrays.fill(data, (byte) 0);
            throw new IllegalArgumentException(what + " must be " + length + " bytes");
        }
        return data;
    }

    static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }
}
