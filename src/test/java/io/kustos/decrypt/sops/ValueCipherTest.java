package io.kustos.decrypt.sops;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One cipher per thread decrypts every value as a new one did: after a failed tag, with another key, on many threads at once. */
class ValueCipherTest {
    private final SecureRandom random = new SecureRandom();
    private final ValueCipher cipher = new ValueCipher(random);

    @Test
    void aFailedValueLeavesNothingBehindForTheNext() {
        byte[] one = key();
        byte[] two = key();
        String a = cipher.encrypt("alpha", one, "data:A:");
        String b = cipher.encrypt(42L, two, "data:B:");
        assertEquals("alpha", cipher.decrypt(a, one, "data:A:", "f", "data.A"));
        var refused = assertThrows(SopsException.class, () -> cipher.decrypt(b, one, "data:B:", "f", "data.B"));
        assertEquals(SopsException.Kind.AUTH, refused.errorKind());
        assertThrows(SopsException.class, () -> cipher.decrypt(a, one, "data:moved:", "f", "data.A"));
        assertEquals(42L, cipher.decrypt(b, two, "data:B:", "f", "data.B"));
        assertEquals("alpha", cipher.decrypt(a, one, "data:A:", "f", "data.A"));
        assertEquals("alpha", cipher.decrypt(a, one, "data:A:", "f", "data.A"), "the same key and IV twice in a row");
    }

    @Test
    void threadsDecryptAtOnce() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            var results = new ArrayList<Future<String>>();
            for (int t = 0; t < 8; t++) {
                int n = t;
                results.add(pool.submit((Callable<String>) () -> {
                    byte[] k = key();
                    for (int i = 0; i < 200; i++) {
                        String v = "value-" + n + "-" + i;
                        assertEquals(v, cipher.decrypt(cipher.encrypt(v, k, "data:" + i + ":"), k, "data:" + i + ":", "f", "data.x"));
                    }
                    return "ok";
                }));
            }
            for (var r : results) {
                assertEquals("ok", r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private byte[] key() {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return k;
    }
}
