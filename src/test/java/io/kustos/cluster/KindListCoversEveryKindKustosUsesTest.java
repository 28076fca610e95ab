package io.kustos.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kustos's jar names only a few kinds in fabric8's {@code META-INF/services/...KubernetesResource} list (the shade
 * filter in pom.xml drops the model jars' 337), and fabric8 reads into its own class only a kind that list names: any
 * other comes back as a {@link GenericKubernetesResource}. Too short a list would break, in the jar only (Maven's class
 * path still holds the model jars' lists): a watch's ERROR event that is no {@link Status} ends the watch ("Invalid
 * object received"); {@code client.load} gives no Deployment to the benchmark's and the demo's filters;
 * {@code client.resource(generic)} of a core kind finds no handler; and every event of a watched kind costs a
 * conversion. Here fabric8's mapping is built as in the jar, from Kustos's list alone, by the same ServiceLoader scan
 * (so a line that names no kind or no class fails too), and every kind Kustos's code names must read as its class.
 */
class KindListCoversEveryKindKustosUsesTest {
    private static final String LIST = "META-INF/services/" + KubernetesResource.class.getName();
    private static final KubernetesSerialization AS_IN_THE_JAR = serializationOfKustosListOnly();

    @Test
    void aWatchErrorReadsAsAStatus() {
        var event = AS_IN_THE_JAR.unmarshal("{\"type\":\"ERROR\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Status\","
                + "\"status\":\"Failure\",\"reason\":\"Expired\",\"code\":410}}", WatchEvent.class);

        assertInstanceOf(Status.class, event.getObject());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindsKustosNames")
    void aKindKustosNamesReadsAsItsClassAndHasAHandler(Class<? extends HasMetadata> kind) {
        String apiVersion = HasMetadata.getApiVersion(kind);
        String object = "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + HasMetadata.getKind(kind) + "\",\"metadata\":{\"name\":\"x\"}}";

        var event = AS_IN_THE_JAR.unmarshal("{\"type\":\"MODIFIED\",\"object\":" + object + "}", WatchEvent.class);
        assertInstanceOf(kind, event.getObject(), "a watch event of " + kind.getSimpleName());
        assertEquals(kind, AS_IN_THE_JAR.getRegisteredKubernetesResource(apiVersion, HasMetadata.getKind(kind)),
                "client.resource(generic " + kind.getSimpleName() + ")'s handler");
    }

    @Test
    void aListDocumentReadsItsItemsAsTheirClasses() {
        var list = AS_IN_THE_JAR.unmarshal("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"apiVersion\":\"apps/v1\","
                + "\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"}}]}", KubernetesResource.class);

        assertInstanceOf(Deployment.class, assertInstanceOf(KubernetesList.class, list).getItems().get(0));
    }

    /** The concrete kinds (HasMetadata classes of fabric8's model, not the generic one) that Kustos's main classes refer to. */
    static List<Class<?>> kindsKustosNames() { // by reflection: ArchUnit sees no class of a jar (imported without jars)
        var main = io.kustos.testsupport.MainClasses.get();
        var names = new TreeSet<String>();
        for (JavaClass c : main) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (target.getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
                    names.add(target.getName());
                }
            }
        }
        List<Class<?>> kinds = names.stream().<Class<?>>map(KindListCoversEveryKindKustosUsesTest::load)
                .filter(k -> HasMetadata.class.isAssignableFrom(k) && k != GenericKubernetesResource.class
                        && !k.isInterface() && !Modifier.isAbstract(k.getModifiers())).toList();
        assertTrue(kinds.contains(Deployment.class), "the scan of Kustos's classes found " + kinds);
        return kinds;
    }

    /** fabric8's scan ({@code KubernetesDeserializer.Mapping.registerClassesFromClassLoaders}) over Kustos's own list only. */
    private static KubernetesSerialization serializationOfKustosListOnly() {
        var serialization = new KubernetesSerialization(new ObjectMapper(), false);
        for (KubernetesResource kind : ServiceLoader.load(KubernetesResource.class, new KustosListOnly())) {
            serialization.registerKubernetesResource(kind.getClass());
        }
        return serialization;
    }

    /** The test's class loader, except that the list is only Kustos's (from target/classes, not from a model jar). */
    private static final class KustosListOnly extends ClassLoader {
        KustosListOnly() {
            super(KindListCoversEveryKindKustosUsesTest.class.getClassLoader());
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (!name.equals(LIST)) {
                return super.getResources(name);
            }
            List<URL> kustos = Collections.list(getParent().getResources(name)).stream().filter(u -> u.getProtocol().equals("file")).toList();
            assertEquals(1, kustos.size(), "Kustos's own " + LIST + " on the class path: " + kustos);
            return Collections.enumeration(kustos);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, KindListCoversEveryKindKustosUsesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
