package io.kustos.work;

import io.kustos.testsupport.KustosHarness;
import io.kustos.testsupport.KustosProcess;
import io.kustos.testsupport.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.kustos.testsupport.KustosHarness.configMap;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The fault variables as a `kustos` process reads them: a misspelt point refuses to start (exit 3,
 * naming the points there are); {@code KUSTOS_FAULT_ACTION=halt} ends the process at the point
 * with exit 137 and nothing written after it; a fault point named in kustos.yaml is refused as an
 * unknown key, not armed.
 */
class FaultArmingIT {
    private static final String FILE = "environments/staging/app/config.yaml";

    @Test
    void aMisspeltPointRefusesToStart(@TempDir Path tmp) {
        try (var p = KustosProcess.startWith(tmp, "version", Map.of(FaultArming.VARIABLE, "write.middle"), List.of("version"))) {
            assertEquals(3, p.awaitExit(Duration.ofMinutes(1)), p.printed());
            assertTrue(p.stderr().contains("error: KUSTOS_FAULT_POINT=write.middle: no fault point is named 'write.middle' (there are: dry-run, write.mid,"),
                    p.printed());
        }
    }

    @Test
    void haltEndsTheProcessAtThePointAsKillNineWould(@TempDir Path tmp) {
        try (var h = KustosHarness.start(tmp, TestClusters.embedded(tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            h.config().commit("A=2", Map.of(FILE, configMap("app-config", "A", "2")));
            var args = List.of("apply", "--config", h.kustosYaml().toString(), "--kubeconfig", h.cluster().kubeconfig().toString());
            try (var p = KustosProcess.startWith(tmp.resolve("runs"), "halted",
                    Map.of(FaultArming.VARIABLE, "dry-run", FaultArming.ACTION_VARIABLE, "halt"), args)) {
                assertEquals(137, p.awaitExit(Duration.ofMinutes(2)), p.printed());
                assertTrue(p.stderr().contains(FaultArming.ANNOUNCED + "dry-run:1 reached (pid "), p.printed());
            }
            assertNull(h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get(),
                    "halted after the dry runs: nothing written");
        }
    }

    @Test
    void kustosYamlCannotArmAPoint(@TempDir Path tmp) throws Exception {
        try (var h = KustosHarness.start(tmp, TestClusters.embedded(tmp), Map.of(FILE, configMap("app-config", "A", "1")))) {
            java.nio.file.Files.writeString(h.kustosYaml(), java.nio.file.Files.readString(h.kustosYaml()) + "faultPoint: dry-run\n");
            var run = h.kustos("apply");
            assertEquals(3, run.exit(), run.toString());
            assertTrue(run.all().contains("faultPoint"), "named as an unknown key: " + run);
            assertNull(h.cluster().client().configMaps().inNamespace(h.namespace()).withName("app-config").get());
        }
    }
}
