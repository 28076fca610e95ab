package io.kustos.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The Dockerfile cannot be built here (no Docker engine); what can be checked without one is. */
class DockerfileTest {
    private final ContainerImage image = ContainerImage.read();

    @Test
    void twoStagesMavenThenAJre() {
        List<String> from = image.all("FROM");
        assertEquals(2, from.size(), from.toString());
        assertTrue(from.get(0).startsWith("maven:") && from.get(0).endsWith(" AS build"), from.get(0));
        assertTrue(from.get(1).contains("-jre"), "the runtime stage is a JRE: " + from.get(1));
    }

    @Test
    void itCopiesTheShadedJarThePomBuildsAndRunsIt() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<finalName>kustos</finalName>"));
        assertTrue(image.all("COPY").contains("--from=build /src/target/kustos.jar /opt/kustos/kustos.jar"), image.all("COPY").toString());
        List<String> entrypoint = image.entrypoint();
        assertEquals("java", entrypoint.get(0));
        assertEquals(List.of("-jar", "/opt/kustos/kustos.jar", "run"), entrypoint.subList(entrypoint.size() - 3, entrypoint.size()));
    }

    @Test
    void theJvmFlagsAreTheLaunchersOwn() throws Exception {
        String launcher = Files.readString(Path.of("kustos"));
        List<String> entrypoint = image.entrypoint();
        // the image's class-data archive is made at build time (the launcher makes its own on a first apply)
        assertEquals(List.of("-XX:SharedArchiveFile=/opt/kustos/kustos.jsa", "-Xlog:cds*=off"), entrypoint.subList(1, 3));
        assertTrue(image.all("RUN").stream().anyMatch(r -> r.contains("-XX:ArchiveClassesAtExit=/opt/kustos/kustos.jsa")
                && r.contains("-jar /opt/kustos/kustos.jar validate") && r.contains("|| rm -f /opt/kustos/kustos.jsa")), image.all("RUN").toString());
        String flags = String.join(" ", entrypoint.subList(3, entrypoint.indexOf("-jar")));
        // the launcher's defaults, then what it adds for `kustos run` (the image runs only the daemon)
        var defaults = Pattern.compile("opts <<< \"\\$\\{KUSTOS_JAVA_OPTS:-([^}]+)}\"").matcher(launcher);
        var daemon = Pattern.compile("\\brun\\) per_command=\\(([^)]+)\\) ;;").matcher(launcher);
        assertTrue(defaults.find() && daemon.find(), "the launcher's default flags and its flags for kustos run");
        assertEquals(defaults.group(1) + " " + daemon.group(1), flags, "the image's flags differ from the launcher's for kustos run");
    }

    @Test
    void runsAsANonRootUserWithNothingSecretBakedIn() {
        List<String> users = image.all("USER");
        assertEquals(List.of("10001:10001"), users);
        int userAt = image.instructions().indexOf("USER 10001:10001");
        int entryAt = image.instructions().indexOf(image.instructions().stream().filter(i -> i.startsWith("ENTRYPOINT")).findFirst().orElseThrow());
        assertTrue(userAt < entryAt);
        Pattern secretish = Pattern.compile("(?i)(secret|token|password|passwd|\\.key\\b|kubeconfig)");
        for (String keyword : List.of("ENV", "ARG", "COPY", "ADD", "LABEL")) {
            for (String i : image.all(keyword)) {
                assertFalse(secretish.matcher(i).find(), keyword + " " + i);
            }
        }
        assertEquals(List.of("[\"--config\", \"/etc/kustos/config/kustos.yaml\"]"), image.all("CMD"),
                "config comes from the mounted ConfigMap");
    }
}
