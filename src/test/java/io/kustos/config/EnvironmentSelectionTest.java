package io.kustos.config;

import io.kustos.failure.StallingException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** `-e/--environment` keeps the named targets of kustos.yaml, in its order; a name it lacks is refused, listing what it defines. */
class EnvironmentSelectionTest {
    private final KustosConfig config = ConfigYaml.parse(ConfigYaml.SOURCES + """
            targets:
              - { environment: dev,        namespace: dev }
              - { environment: staging,    namespace: staging }
              - { environment: production, namespace: production }
            """);

    private static List<String> environments(KustosConfig cfg) {
        return cfg.targets().stream().map(Target::environment).toList();
    }

    private static EnvironmentSelection of(String... names) {
        return EnvironmentSelection.of(List.of(names));
    }

    @Test
    void noNameSelectsEveryTarget() {
        assertSame(config, EnvironmentSelection.ALL.applyTo(config, "kustos.yaml"));
        assertSame(config, EnvironmentSelection.of(null).applyTo(config, "kustos.yaml"));
        assertEquals(List.of("dev", "staging", "production"), environments(of().applyTo(config, "kustos.yaml")));
    }

    @Test
    void theNamedTargetsStayInKustosYamlsOrderAndTheRestOfTheConfigIsKept() {
        KustosConfig selected = of("production", "dev").applyTo(config, "kustos.yaml");
        assertEquals(List.of("dev", "production"), environments(selected));
        assertEquals(config.sources(), selected.sources());
        assertEquals(config.sync(), selected.sync());
        assertEquals(config.cacheDir(), selected.cacheDir());
    }

    @Test
    void aNameGivenTwiceCountsOnce() {
        assertEquals(List.of("staging"), environments(of("staging", "staging").applyTo(config, "kustos.yaml")));
        assertEquals("staging", of("staging", "staging").one(config, "kustos.yaml", "kustos rollback").environment());
    }

    @Test
    void anUnknownNameIsRefusedNamingItTheFileAndTheEnvironmentsItDefines() {
        var e = assertThrows(StallingException.class, () -> of("staging", "prod").applyTo(config, "/etc/kustos/kustos.yaml"));
        assertEquals("--environment: /etc/kustos/kustos.yaml has no environment \"prod\" (it defines dev, staging, production)", e.getMessage());
        var two = assertThrows(StallingException.class, () -> of("prod", "", "dev").targets(config, "kustos.yaml"));
        assertEquals("--environment: kustos.yaml has no environments \"prod\", \"\" (it defines dev, staging, production)", two.getMessage());
        assertThrows(StallingException.class, () -> of("prod").one(config, "kustos.yaml", "kustos rollback"));
    }

    @Test
    void aCommandForOneEnvironmentTakesTheOnlyTargetOrExactlyOneName() {
        assertEquals("production", of("production").one(config, "kustos.yaml", "kustos rollback").environment());
        var none = assertThrows(StallingException.class, () -> EnvironmentSelection.ALL.one(config, "kustos.yaml", "kustos rollback"));
        assertEquals("kustos rollback acts on one environment: name it with --environment (kustos.yaml defines dev, staging, production)",
                none.getMessage());
        var several = assertThrows(StallingException.class, () -> of("staging", "production").one(config, "kustos.yaml", "kustos rollback"));
        assertEquals("kustos rollback acts on one environment at a time, not \"staging\", \"production\": give --environment once",
                several.getMessage());
        KustosConfig single = ConfigYaml.parse(ConfigYaml.MINIMAL);
        assertEquals("staging", EnvironmentSelection.ALL.one(single, "kustos.yaml", "kustos rollback").environment());
    }
}
