package io.kustos.decrypt.age;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 as BIP-173 defines it (the original checksum constant 1, not Bech32m), without the
 * 90-character limit, as age uses it for keys. A string must be all lowercase or all uppercase;
 * the checksum is over the lowercase form.
 *
 * <p>Error messages describe the fault only: the string may be a secret key.
 */
public final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final int CHECKSUM_LENGTH = 6;

    /** A decoded string: its human-readable part in lowercase, and its data. */
    public record Decoded(String hrp, byte[] data) {
        @Override
        public String toString() {
            return "Bech32[" + hrp + ", " + data.length + " bytes]";
        }
    }

    private Bech32() {
    }

    /**
     * @throws IllegalArgumentException naming the fault (never the string)
     */
    public static Decoded decode(String s) {
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("invalid character at position " + (i + 1));
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) {
            throw new IllegalArgumentException("mixed upper and lower case");
        }
        String lc = s.toLowerCase(Locale.ROOT);
        int separator = lc.lastIndexOf('1');
        if (separator < 1) {
            throw new IllegalArgumentException("no human-readable part before the separator '1'");
        }
        if (lc.length() - separator - 1 < CHECKSUM_LENGTH) {
            throw new IllegalArgumentException("too short for a checksum");
        }
        String hrp = lc.substring(0, separator);
        int[] values = new int[lc.length() - separator - 1];
        for (int i = 0; i < values.length; i++) {
            int v = CHARSET.indexOf(lc.charAt(separator + 1 + i));
            if (v < 0) {
                throw new IllegalArgumentException("invalid data character at position " + (separator + 2 + i));
            }
            values[i] = v;
        }
        if (polymod(hrp, values) != 1) {
            throw new IllegalArgumentException("invalid checksum");
        }
        return new Decoded(hrp, fromFiveBits(values, values.length - CHECKSUM_LENGTH));
    }

    /** Encodes in lowercase; use {@link String#toUpperCase} on the result for an uppercase form. */
    public static String encode(String hrp, byte[] data) {
        String lowerHrp = hrp.toLowerCase(Locale.ROOT);
        int[] values = toFiveBits(data);
        int[] withChecksum = new int[values.length + CHECKSUM_LENGTH];
        System.arraycopy(values, 0, withChecksum, 0, values.length);
        int mod = polymod(lowerHrp, withChecksum) ^ 1;
        for (int i = 0; i < CHECKSUM_LENGTH; i++) {
            withChecksum[values.length + i] = (mod >>> (5 * (5 - i))) & 31;
        }
        StringBuilder sb = new StringBuilder(lowerHrp.length() + 1 + withChecksum.length);
        sb.append(lowerHrp).append('1');
        for (int v : withChecksum) {
            sb.append(CHARSET.charAt(v));
        }
        return sb.toString();
    }

    private static int polymod(String hrp, int[] values) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) >>> 5);
        }
        chk = step(chk, 0);
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) & 31);
        }
        for (int v : values) {
            chk = step(chk, v);
        }
        return chk;
    }

    private static int step(int chk, int value) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= GENERATOR[i];
            }
        }
        return chk;
    }

    private static byte[] fromFiveBits(int[] values, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 5 / 8);
        int acc = 0;
        int bits = 0;
        for (int i = 0; i < count; i++) {
            acc = (acc << 5) | values[i];
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((acc >>> bits) & 0xff);
            }
        }
        if (bits >= 5 || (acc & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("invalid padding in the data part");
        }
        return out.toByteArray();
    }

    private static int[] toFiveBits(byte[] data) {
        int[] out = new int[(data.length * 8 + 4) / 5];
        int acc = 0;
        int bits = 0;
        int n = 0;
        for (byte b : data) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[n++] = (acc >>> bits) & 31;
            }
        }
        if (bits > 0) {
            out[n++] = (acc << (5 - bits)) & 31;
        }
        return out;
    }
}
