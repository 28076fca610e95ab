package io.kustos.deploy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The image's ENTRYPOINT, run on the jar the image copies (target/kustos.jar), starts `kustos run`. */
class ContainerEntrypointIT {

    @Test
    void theEntrypointRunsKustosRun() throws Exception {
        List<String> command = new ArrayList<>(ContainerImage.read().entrypoint());
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.set(command.indexOf("/opt/kustos/kustos.jar"), Path.of("target/kustos.jar").toAbsolutePath().toString());
        command.add("--help");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("Usage: kustos run"), out);
        assertTrue(out.contains("--log-format"), out);
    }
}
