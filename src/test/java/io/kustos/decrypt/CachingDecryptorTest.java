package io.kustos.decrypt;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CachingDecryptorTest {
    private final List<String> opened = new ArrayList<>();
    private final Decryptor counting = (file, encrypted) -> {
        opened.add(file);
        String s = new String(encrypted, StandardCharsets.UTF_8);
        if (s.startsWith("bad")) {
            throw new DecryptionException(file + ": MAC mismatch");
        }
        return ("plain of " + s).getBytes(StandardCharsets.UTF_8);
    };

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void unchangedBytesAreDecryptedOnceChangedBytesAgain() {
        var cache = new CachingDecryptor(counting, 10);
        assertArrayEquals(b("plain of one"), cache.decrypt("a.yaml", b("one")));
        assertArrayEquals(b("plain of one"), cache.decrypt("a.yaml", b("one")));
        assertArrayEquals(b("plain of two"), cache.decrypt("a.yaml", b("two")));
        assertEquals(List.of("a.yaml", "a.yaml"), opened);
    }

    @Test
    void failuresAreNotRememberedAndCallersCannotChangeWhatIsRemembered() {
        var cache = new CachingDecryptor(counting, 10);
        assertThrows(DecryptionException.class, () -> cache.decrypt("b.yaml", b("bad")));
        assertThrows(DecryptionException.class, () -> cache.decrypt("b.yaml", b("bad")));
        assertEquals(2, opened.size());
        byte[] first = cache.decrypt("c.yaml", b("x"));
        first[0] = 0;
        assertArrayEquals(b("plain of x"), cache.decrypt("c.yaml", b("x")));
    }

    @Test
    void holdsAtMostCapacityFiles() {
        var cache = new CachingDecryptor(counting, 2);
        cache.decrypt("1", b("1"));
        cache.decrypt("2", b("2"));
        cache.decrypt("3", b("3"));
        cache.decrypt("1", b("1"));
        assertEquals(List.of("1", "2", "3", "1"), opened);
    }
}
