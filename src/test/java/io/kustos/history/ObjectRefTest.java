package io.kustos.history;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a user names a ConfigMap or Secret on the command line. */
class ObjectRefTest {
    @ParameterizedTest
    @CsvSource({
            "configmap/app, ConfigMap, , app",
            "cm/app, ConfigMap, , app",
            "ConfigMaps/app, ConfigMap, , app",
            "secret/db, Secret, , db",
            "secrets/jobs/db, Secret, jobs, db",
            "cm/staging/app-config, ConfigMap, staging, app-config"})
    void parses(String text, String kind, String namespace, String name) {
        assertEquals(new ObjectRef(kind, namespace, name), ObjectRef.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "cm/", "/app", "cm/a/b/c", "deployment/app", "cm//app"})
    void refuses(String text) {
        assertThrows(IllegalArgumentException.class, () -> ObjectRef.parse(text));
    }
}
