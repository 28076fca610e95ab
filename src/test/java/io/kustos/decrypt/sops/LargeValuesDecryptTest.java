package io.kustos.decrypt.sops;

import io.kustos.decrypt.KeyRing;
import io.kustos.testsupport.AllocatedBytes;
import io.kustos.testsupport.SopsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: decrypting a Secret with one 1.1 MiB value (a 2 MB SOPS file) costs memory in
 * proportion to the file; SnakeYAML's own reader allocated 7.9 GB to parse it, twice per decrypt.
 * A bound on allocated bytes, not a timing. The age key is made for this test.
 */
class LargeValuesDecryptTest {
    /** Bytes allocated per byte of the file, at most; measured about 22. */
    static final long PER_FILE_BYTE = 60;

    @TempDir
    Path tmp;

    @Test
    void aSecretWithA1Point1MiBValueDecryptsInMemoryProportionalToTheFile() throws Exception {
        var key = SopsFiles.newAgeKey(tmp);
        String value = Base64.getEncoder().encodeToString(SopsFiles.randomBytes(1_100 * 1024));
        byte[] file = SopsFiles.encryptForAge(tmp, key.recipient(),
                "apiVersion: v1\nkind: Secret\nmetadata: {name: big}\ndata:\n  BLOB: " + value + "\n").getBytes(StandardCharsets.UTF_8);
        var decryptor = new SopsDecryptor(KeyRing.of(List.of(key.file()), List.of(), null));

        var plain = AllocatedBytes.of(() -> decryptor.decrypt("environments/staging/svc/secret.yaml", file));

        assertTrue(new String(plain.result(), StandardCharsets.UTF_8).contains("BLOB: " + value + "\n"), "the value decrypts whole");
        assertTrue(plain.bytes() <= PER_FILE_BYTE * file.length, plain.bytes() + " bytes allocated for a file of " + file.length);
    }
}
