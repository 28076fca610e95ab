package io.kustos.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * review13 S2: the bench records the JDK the commands it starts run on (the launcher picks a JDK 25+ for the short
 * commands), by its release file, also through a link such as Debian's /usr/bin/java.
 */
class KustosLauncherJdkTest {
    @TempDir
    Path tmp;

    @Test
    void aJdkIsDescribedByItsReleaseFileAndRealPath() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("temurin-25/bin")).getParent();
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"25.0.3\"\n");
        Files.writeString(home.resolve("bin/java"), "");
        Path link = Files.createDirectories(tmp.resolve("usr/bin")).resolve("java");
        Files.createSymbolicLink(link, home.resolve("bin/java"));
        String expected = "25.0.3 (" + home.toRealPath() + ")";
        assertEquals(expected, KustosLauncher.describe(home.resolve("bin/java").toString()));
        assertEquals(expected, KustosLauncher.describe(link.toString()));
        assertEquals("unknown (" + tmp.resolve("none/bin/java") + ")", KustosLauncher.describe(tmp.resolve("none/bin/java").toString()));
    }

    @Test
    void outsideACheckoutItIsThisJvms() { // the tests run from target/classes, not a checkout's kustos.jar
        assertEquals(System.getProperty("java.version").split("[+-]")[0],
                KustosLauncher.jdkOf("apply").replaceAll(" \\(.*", "").split("[+-]")[0]);
    }
}
