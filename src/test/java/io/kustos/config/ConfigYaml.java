package io.kustos.config;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** kustos.yaml texts and a parse that does not depend on the machine's environment. */
final class ConfigYaml {
    static final Path DIR = Path.of("/etc/kustos");

    static final String SOURCES = """
            sources:
              config:   { url: https://git.example.com/platform/config.git }
              releases: { url: https://git.example.com/platform/releases.git }
            """;

    static final String TARGETS = """
            targets:
              - { environment: staging, namespace: staging }
            """;

    static final String MINIMAL = SOURCES + TARGETS;

    private ConfigYaml() {
    }

    static KustosConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, DIR, "kustos.yaml", Map.of());
    }

    /** The whole message of the ConfigException that {@code yaml} must cause. */
    static String problems(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }
}
