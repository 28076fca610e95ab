package io.kustos.testsupport;

import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Another environment beside a {@link KustosHarness}'s staging, on the same cluster: its own
 * namespace with a Deployment {@code app} (using ConfigMap {@code app-config}), its release
 * manifest ({@code app:1.0.0}) and its target in kustos.yaml. The config repo's files for it are
 * the test's to commit. Close it before the harness.
 */
public final class SecondEnvironment implements AutoCloseable {
    private final KustosHarness h;
    private final String environment;
    private final String namespace;

    private SecondEnvironment(KustosHarness h, String environment, String namespace) {
        this.h = h;
        this.environment = environment;
        this.namespace = namespace;
    }

    public static SecondEnvironment add(KustosHarness h, String environment) {
        String namespace = h.namespace() + "-" + environment;
        h.cluster().createNamespace(namespace);
        h.cluster().client().apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName("app").withNamespace(namespace).endMetadata()
                .withNewSpec().withReplicas(0)
                .withNewSelector().addToMatchLabels("app", "app").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "app").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("registry.example.com/app:1.0.0")
                .addNewEnvFrom().withNewConfigMapRef().withName("app-config").endConfigMapRef().endEnvFrom()
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        h.releases().commit("release " + environment, Map.of("environments/" + environment + "/release.yaml",
                KustosHarness.release("registry.example.com/app:1.0.0").replace("environment: staging", "environment: " + environment)));
        try {
            String yaml = Files.readString(h.kustosYaml());
            String staging = "  - { environment: staging, namespace: " + h.namespace() + " }\n";
            if (!yaml.contains(staging)) {
                throw new IllegalStateException("no staging target in " + yaml);
            }
            Files.writeString(h.kustosYaml(), yaml.replace(staging,
                    staging + "  - { environment: " + environment + ", namespace: " + namespace + " }\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SecondEnvironment(h, environment, namespace);
    }

    public String environment() {
        return environment;
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public void close() {
        try {
            h.cluster().client().namespaces().withName(namespace).delete();
        } catch (RuntimeException ignored) {
            // as KustosHarness#close: the embedded cluster is thrown away anyway
        }
    }
}
