package io.kustos.decrypt.age;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * The age payload: a 16-byte nonce, then STREAM — 64 KiB chunks, each ChaCha20-Poly1305 under
 * HKDF(file key, nonce, "payload") with a nonce of an 11-byte big-endian counter and a final-chunk
 * flag. The final chunk may be short, and is empty only when the whole payload is.
 */
final class PayloadStream {
    static final int NONCE_SIZE = 16;
    static final int CHUNK_SIZE = 64 * 1024;
    private static final int SEALED_CHUNK_SIZE = CHUNK_SIZE + Primitives.TAG_SIZE;

    private PayloadStream() {
    }

    /**
     * Decrypts the payload starting at {@code offset} of {@code file}, writing each chunk to
     * {@code out} only once it authenticated.
     *
     * @throws AgeException {@link AgeFailure#HEADER} when the nonce is missing or short (as the
     *                      testkit classifies it), {@link AgeFailure#PAYLOAD} for any fault after it
     */
    static void decrypt(byte[] fileKey, byte[] file, int offset, OutputStream out) {
        if (file.length - offset < NONCE_SIZE) {
            throw new AgeException(AgeFailure.HEADER, "the payload nonce is missing or short");
        }
        byte[] key = Primitives.hkdf(fileKey, Arrays.copyOfRange(file, offset, offset + NONCE_SIZE), "payload");
        try {
            int pos = offset + NONCE_SIZE;
            for (long counter = 0; ; counter++) {
                int remaining = file.length - pos;
                if (remaining == 0) {
                    throw fail(counter, "the file ends without a final chunk");
                }
                int length = Math.min(remaining, SEALED_CHUNK_SIZE);
                // A short chunk can only be the final one; a full one is usually not, but may be.
                boolean last = length < SEALED_CHUNK_SIZE;
                Optional<byte[]> plain = Primitives.open(key, chunkNonce(counter, last), file, pos, length);
                if (plain.isEmpty() && !last) {
                    last = true;
                    plain = Primitives.open(key, chunkNonce(counter, true), file, pos, length);
                }
                if (plain.isEmpty()) {
                    throw fail(counter, "chunk does not authenticate");
                }
                if (last && counter > 0 && plain.get().length == 0) {
                    throw fail(counter, "the final chunk is empty");
                }
                out.write(plain.get());
                Arrays.fill(plain.get(), (byte) 0);
                pos += length;
                if (last) {
                    if (pos != file.length) {
                        throw fail(counter, "data after the final chunk");
                    }
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The nonce followed by the sealed chunks of {@code plaintext}. */
    static byte[] encrypt(byte[] fileKey, byte[] plaintext, SecureRandom random) {
        byte[] nonce = new byte[NONCE_SIZE];
        random.nextBytes(nonce);
        byte[] key = Primitives.hkdf(fileKey, nonce, "payload");
        try {
            int chunks = Math.max(1, (plaintext.length + CHUNK_SIZE - 1) / CHUNK_SIZE);
            ByteArrayOutputStream out = new ByteArrayOutputStream(NONCE_SIZE + plaintext.length
                    + chunks * Primitives.TAG_SIZE);
            out.writeBytes(nonce);
            for (int i = 0; i < chunks; i++) {
                int from = i * CHUNK_SIZE;
                byte[] chunk = Arrays.copyOfRange(plaintext, from, Math.min(plaintext.length, from + CHUNK_SIZE));
                out.writeBytes(Primitives.seal(key, chunkNonce(i, i == chunks - 1), chunk));
                Arrays.fill(chunk, (byte) 0);
            }
            return out.toByteArray();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] chunkNonce(long counter, boolean last) {
        byte[] nonce = new byte[Primitives.NONCE_SIZE];
        for (int i = 0; i < 8; i++) {
            nonce[10 - i] = (byte) (counter >>> (8 * i));
        }
        nonce[11] = (byte) (last ? 1 : 0);
        return nonce;
    }

    private static AgeException fail(long chunk, String reason) {
        return new AgeException(AgeFailure.PAYLOAD, "chunk " + chunk + ": " + reason);
    }
}
