package io.kustos.decrypt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decrypts a file only when its bytes are new: a commit that changes one Secret decrypts that one
 * file, not every Secret of the repo again. Remembers the plaintext of the last {@code capacity}
 * files by the SHA-256 of their encrypted bytes, in memory only (the rendered objects hold the same
 * plaintext anyway); failures are not remembered, so a broken file fails again, naming itself.
 */
public final class CachingDecryptor implements Decryptor {
    private final Decryptor delegate;
    private final Map<String, byte[]> plaintexts;

    public CachingDecryptor(Decryptor delegate, int capacity) {
        this.delegate = delegate;
        this.plaintexts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public byte[] decrypt(String file, byte[] encrypted) {
        String digest = sha256(encrypted);
        synchronized (plaintexts) {
            byte[] known = plaintexts.get(digest);
            if (known != null) {
                return known.clone();
            }
        }
        byte[] plain = delegate.decrypt(file, encrypted);
        synchronized (plaintexts) {
            plaintexts.put(digest, plain.clone());
        }
        return plain;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
