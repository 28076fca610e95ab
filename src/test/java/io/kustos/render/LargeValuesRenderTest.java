package io.kustos.render;

import io.kustos.decrypt.Decryptor;
import io.kustos.testsupport.AllocatedBytes;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

import static io.kustos.render.RenderFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15: README promises files up to 5 MiB, so one value of 4.9 MiB is read (it was refused as
 * "malformed YAML … 3145728 code points" after 49 GB of copies), and reading a large value costs
 * memory in proportion to the file (a 1.1 MiB Secret value cost 7.9 GB of allocations per parse).
 * A bound on allocated bytes, not a timing.
 */
class LargeValuesRenderTest {
    /** Bytes allocated per byte of the file, at most; measured about 10 (the text, its code points, the value). */
    static final long PER_FILE_BYTE = 40;

    private final Renderer renderer = new Renderer(Decryptor.NONE);

    @Test
    void aValueOf4Point9MiBIsRenderedInMemoryProportionalToTheFile() throws Exception {
        String value = "v".repeat(4_900 * 1024);
        String file = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  VALUE: " + value + "\n";
        var rendered = AllocatedBytes.of(() -> renderer.renderConfigs(config(with("environments/staging/svc/big.yaml", file)), STAGING));
        var big = rendered.result().stream().filter(c -> c.key().name().equals("big")).findFirst().orElseThrow();
        assertEquals(value, big.entries().get("VALUE").text());
        assertTrue(rendered.bytes() <= PER_FILE_BYTE * file.length(), rendered.bytes() + " bytes allocated for a file of " + file.length());
    }

    @Test
    void aSecretValueOf1Point1MiBCostsMemoryProportionalToTheFile() throws Exception {
        byte[] blob = new byte[1_100 * 1024];
        new SecureRandom().nextBytes(blob);
        String file = "apiVersion: v1\nkind: Secret\nmetadata: {name: big}\ndata:\n  BLOB: " + Base64.getEncoder().encodeToString(blob) + "\n";
        var rendered = AllocatedBytes.of(() -> renderer.renderConfigs(config(with("environments/staging/svc/big.yaml", file)), STAGING));
        var big = rendered.result().stream().filter(c -> c.key().name().equals("big")).findFirst().orElseThrow();
        assertArrayEquals(blob, big.entries().get("BLOB").bytes());
        assertTrue(rendered.bytes() <= PER_FILE_BYTE * file.length(), rendered.bytes() + " bytes allocated for a file of " + file.length());
    }
}
