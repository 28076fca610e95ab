package io.kustos.decrypt.sops;

import io.kustos.testsupport.AllocatedBytes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** YAML that would cost memory out of proportion is refused before it is expanded, saying why. */
class HostileYamlIsRefusedTest {
    private static final String FILE = "config:environments/staging/svc/secrets.yaml";

    private static SopsException refused(String yaml) throws Exception {
        var measured = AllocatedBytes.of(() -> assertThrows(SopsException.class,
                () -> new SopsDecryptor(List.of()).decrypt(FILE, yaml.getBytes(StandardCharsets.UTF_8))));
        assertTrue(measured.bytes() < 20_000_000, measured.bytes() + " bytes allocated");
        assertEquals(SopsException.Kind.FORMAT, measured.result().errorKind(), measured.result().getMessage());
        return measured.result();
    }

    @Test
    void anAliasBombIsRefused() throws Exception {
        var bomb = new StringBuilder("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("x").append(i).append(": &a").append(i).append(" [").append(String.join(", ", Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        assertEquals(FILE + ": format error at (document): malformed YAML: Number of aliases for non-scalar nodes exceeds the specified max=50",
                refused(bomb.toString()).getMessage());
    }

    @Test
    void nestingDeeperThanFiftyLevelsIsRefused() throws Exception {
        assertEquals(FILE + ": format error at (document): malformed YAML: Nesting Depth exceeded max 50",
                refused("data: " + "[".repeat(51) + "]".repeat(51) + "\n").getMessage());
    }
}
