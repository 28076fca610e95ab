package io.kustos.decrypt.age;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** The symmetric building blocks of age, on Bouncy Castle's lightweight API. */
final class Primitives {
    static final int KEY_SIZE = 32;
    static final int TAG_SIZE = 16;
    static final int NONCE_SIZE = 12;
    static final byte[] ZERO_NONCE = new byte[NONCE_SIZE];

    private Primitives() {
    }

    /** HKDF-SHA-256 with 32 bytes of output. */
    static byte[] hkdf(byte[] ikm, byte[] salt, String info) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, salt, info.getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[KEY_SIZE];
        hkdf.generateBytes(out, 0, out.length);
        return out;
    }

    static byte[] hmacSha256(byte[] key, byte[] data, int length) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(true, new AEADParameters(new KeyParameter(key), TAG_SIZE * 8, nonce));
        byte[] out = new byte[aead.getOutputSize(plaintext.length)];
        int n = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
        }
        return out;
    }

    /** The plaintext, or empty when the tag does not authenticate. */
    static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] ciphertext, int offset, int length) {
        if (length < TAG_SIZE) {
            return Optional.empty();
        }
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(false, new AEADParameters(new KeyParameter(key), TAG_SIZE * 8, nonce));
        byte[] out = new byte[aead.getOutputSize(length)];
        int n = aead.processBytes(ciphertext, offset, length, out, 0);
        try {
            aead.doFinal(out, n);
            return Optional.of(out);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            return Optional.empty();
        }
    }

    static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] ciphertext) {
        return open(key, nonce, ciphertext, 0, ciphertext.length);
    }

    static boolean isAllZero(byte[] b) {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc == 0;
    }
}
