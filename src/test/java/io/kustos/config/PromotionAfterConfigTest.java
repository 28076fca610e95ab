package io.kustos.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.kustos.config.ConfigYaml.SOURCES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code after:} on a target: a list of other targets' environments (or one as a plain string),
 * read into {@link Target#after()}; an unknown or own environment, a repeat or a cycle is named
 * with its path at load.
 */
class PromotionAfterConfigTest {
    private static final String STAGING = "  - { environment: staging, namespace: staging }\n";
    private static final String CANARY = "  - { environment: canary, namespace: canary }\n";

    private static String targets(String... items) {
        return SOURCES + "targets:\n" + String.join("", items);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments(targets(STAGING, "  - { environment: production, namespace: production }\n"),
                        Map.of("staging", List.of(), "production", List.of())),
                arguments(targets(STAGING, "  - { environment: production, namespace: production, after: [staging] }\n"),
                        Map.of("staging", List.of(), "production", List.of("staging"))),
                arguments(targets(STAGING, "  - { environment: production, namespace: production, after: staging }\n"),
                        Map.of("staging", List.of(), "production", List.of("staging"))),
                arguments(targets(STAGING, CANARY, "  - { environment: production, namespace: production, after: [staging, canary] }\n"),
                        Map.of("staging", List.of(), "canary", List.of(), "production", List.of("staging", "canary"))),
                // written before the environment it follows, and a chain dev -> staging -> production
                arguments(targets("  - { environment: production, namespace: production, after: [staging] }\n",
                                "  - { environment: staging, namespace: staging, after: [dev] }\n",
                                "  - { environment: dev, namespace: dev }\n"),
                        Map.of("production", List.of("staging"), "staging", List.of("dev"), "dev", List.of())),
                // a diamond is no cycle
                arguments(targets("  - { environment: dev, namespace: dev }\n",
                                "  - { environment: staging, namespace: staging, after: [dev] }\n",
                                "  - { environment: canary, namespace: canary, after: [dev] }\n",
                                "  - { environment: production, namespace: production, after: [staging, canary] }\n"),
                        Map.of("dev", List.of(), "staging", List.of("dev"), "canary", List.of("dev"),
                                "production", List.of("staging", "canary"))),
                arguments(targets(STAGING, "  - { environment: production, namespace: production, after: [] }\n"),
                        Map.of("staging", List.of(), "production", List.of())),
                arguments(targets(STAGING, "  - { environment: production, namespace: production, after: null }\n"),
                        Map.of("staging", List.of(), "production", List.of())));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void isReadIntoTheTarget(String yaml, Map<String, List<String>> expected) {
        var after = ConfigYaml.parse(yaml).targets().stream().collect(Collectors.toMap(Target::environment, Target::after));
        assertEquals(expected, after);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments(targets(STAGING, "  - { environment: production, namespace: production, after: [stagin] }\n"),
                        "targets[1].after[0]: \"stagin\" is not the environment of a target (known: staging, production)"),
                arguments(targets(STAGING, "  - { environment: production, namespace: production, after: stagin }\n"),
                        "targets[1].after: \"stagin\" is not the environment of a target (known: staging, production)"),
                arguments(targets(STAGING, "  - { environment: production, namespace: production, after: [staging, production] }\n"),
                        "targets[1].after[1]: \"production\" is this target's own environment (a target cannot wait for itself)"),
                arguments(targets(STAGING, CANARY, "  - { environment: production, namespace: production, after: [staging, canary, staging] }\n"),
                        "targets[2].after[2]: \"staging\" is already listed at targets[2].after[0]"),
                arguments(targets("  - { environment: staging, namespace: staging, after: [production] }\n",
                                "  - { environment: production, namespace: production, after: [staging] }\n"),
                        "targets[1].after[0]: \"staging\" closes a promotion cycle: staging -> production -> staging"
                                + " (each environment waits for the one before it; remove one of these after: entries)"),
                arguments(targets("  - { environment: dev, namespace: dev, after: [production] }\n",
                                "  - { environment: staging, namespace: staging, after: [dev] }\n",
                                "  - { environment: production, namespace: production, after: [staging] }\n"),
                        "targets[1].after[0]: \"dev\" closes a promotion cycle: dev -> staging -> production -> dev"
                                + " (each environment waits for the one before it; remove one of these after: entries)"),
                arguments(targets(STAGING, "  - { environment: production, namespace: production, after: [{ environment: staging }] }\n"),
                        "targets[1].after[0]: expected a string, found a mapping"),
                arguments(targets(STAGING, "  - { environment: production, namespace: production, after: { staging: true } }\n"),
                        "targets[1].after: expected a list, found a mapping"),
                arguments(targets(STAGING, "  - { environment: production, namespace: production, after: [\"\"] }\n"),
                        "targets[1].after[0]: must not be empty"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void isNamedWithItsPath(String yaml, String expected) {
        assertEquals("kustos.yaml: " + expected, ConfigYaml.problems(yaml));
    }
}
