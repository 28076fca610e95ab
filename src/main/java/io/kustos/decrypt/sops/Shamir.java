package io.kustos.decrypt.sops;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shamir secret sharing over GF(2^8) with the AES polynomial x^8+x^4+x^3+x+1, in the share layout
 * sops uses (HashiCorp Vault's): each share is the secret's length plus one byte, the last byte
 * being the share's x coordinate (1, 2, …).
 */
public final class Shamir {
    private Shamir() {
    }

    public static byte[][] split(byte[] secret, int parts, int threshold, SecureRandom random) {
        if (parts < threshold || parts > 255 || threshold < 2 || secret.length == 0) {
            throw new IllegalArgumentException("Shamir needs 2 <= threshold <= parts <= 255 and a secret");
        }
        byte[][] out = new byte[parts][secret.length + 1];
        for (int i = 0; i < parts; i++) {
            out[i][secret.length] = (byte) (i + 1);
        }
        int[] coeff = new int[threshold];
        for (int idx = 0; idx < secret.length; idx++) {
            coeff[0] = secret[idx] & 0xff;
            for (int c = 1; c < threshold; c++) {
                coeff[c] = random.nextInt(256);
            }
            // the highest coefficient must not be zero, or the degree drops
            while (coeff[threshold - 1] == 0) {
                coeff[threshold - 1] = random.nextInt(256);
            }
            for (int i = 0; i < parts; i++) {
                int x = i + 1;
                int y = 0;
                for (int c = threshold - 1; c >= 0; c--) {
                    y = mul(y, x) ^ coeff[c];
                }
                out[i][idx] = (byte) y;
            }
        }
        java.util.Arrays.fill(coeff, 0);
        return out;
    }

    /** The secret from at least threshold shares (Lagrange interpolation at x = 0). */
    public static byte[] combine(List<byte[]> parts) {
        if (parts.size() < 2) {
            throw new IllegalArgumentException("at least two shares are needed");
        }
        int len = parts.get(0).length;
        Set<Integer> xs = new HashSet<>();
        for (byte[] p : parts) {
            if (p.length != len || len < 2 || !xs.add(p[len - 1] & 0xff) || (p[len - 1] & 0xff) == 0) {
                throw new IllegalArgumentException("shares differ in length, repeat or have x = 0");
            }
        }
        byte[] secret = new byte[len - 1];
        for (int idx = 0; idx < len - 1; idx++) {
            int acc = 0;
            for (int i = 0; i < parts.size(); i++) {
                int xi = parts.get(i)[len - 1] & 0xff;
                int basis = 1;
                for (int j = 0; j < parts.size(); j++) {
                    if (i != j) {
                        int xj = parts.get(j)[len - 1] & 0xff;
                        // (0 - xj) / (xi - xj); minus is xor in GF(2^8)
                        basis = mul(basis, div(xj, xi ^ xj));
                    }
                }
                acc ^= mul(basis, parts.get(i)[idx] & 0xff);
            }
            secret[idx] = (byte) acc;
        }
        return secret;
    }

    static int mul(int a, int b) {
        int r = 0;
        for (int i = 7; i >= 0; i--) {
            r = ((r << 1) ^ ((r & 0x80) != 0 ? 0x1b : 0)) & 0xff;
            if (((b >> i) & 1) != 0) {
                r ^= a;
            }
        }
        return r;
    }

    private static int div(int a, int b) {
        // b^254 is b's inverse
        int inv = 1;
        for (int i = 0; i < 254; i++) {
            inv = mul(inv, b);
        }
        return mul(a, inv);
    }
}
