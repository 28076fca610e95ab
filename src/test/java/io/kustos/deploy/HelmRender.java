package io.kustos.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * deploy/helm/kustos rendered by Helm itself ({@code helm template}, through helm-java: Helm's Go
 * library), with {@code --set} values, as release {@code kustos} in {@code kustos-system} unless told.
 */
final class HelmRender {
    static final Path CHART = Path.of("deploy/helm/kustos");

    private final String release;
    private final String namespace;
    private final Map<String, Object> values = new LinkedHashMap<>();
    /**
     * {@code .Capabilities.KubeVersion} unless told: helm-java's own default is v1.20.0 (Helm's fallback when its
     * library has no build info; the helm CLI says its client-go's version), older than most clusters.
     */
    static final String KUBE_VERSION = "v1.31.0";
    private String kubeVersion = KUBE_VERSION;

    private HelmRender(String release, String namespace) {
        this.release = release;
        this.namespace = namespace;
    }

    static HelmRender of(String release, String namespace) {
        return new HelmRender(release, namespace);
    }

    static HelmRender defaults() {
        return of("kustos", "kustos-system");
    }

    /** Three sharded replicas, as README "Installing" says to install them. */
    static HelmRender sharded() {
        return defaults().sharding();
    }

    HelmRender sharding() {
        return set("replicas", 3).set("sharding.enabled", true).set("leaderElection.enabled", false);
    }

    /** {@code --set key=value}. */
    HelmRender set(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** {@code --kube-version}: what {@code .Capabilities.KubeVersion} says, as {@code helm install} learns it from the cluster. */
    HelmRender kubeVersion(String version) {
        this.kubeVersion = version;
        return this;
    }

    /** The manifests, as {@code helm template} prints them. */
    String yaml() {
        TemplateCommand template = new Helm(CHART).template().withName(release).withNamespace(namespace);
        values.forEach(template::set);
        return template.withKubeVersion(kubeVersion).call();
    }

    Rendered objects() {
        return new Rendered(parse(yaml()));
    }

    static List<HasMetadata> parse(String yaml) {
        Object parsed = new KubernetesSerialization().unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        if (parsed instanceof List<?> list) {
            return list.stream().map(HasMetadata.class::cast).toList();
        }
        return List.of((HasMetadata) parsed);
    }

    /** Rendered objects, found by kind and name. */
    record Rendered(List<HasMetadata> all) {
        <T extends HasMetadata> T get(Class<T> type, String name) {
            return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in " + names()));
        }

        <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
            return all.stream().filter(type::isInstance).map(type::cast).filter(o -> o.getMetadata().getName().equals(name)).findFirst();
        }

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return all.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<String> names() {
            return all.stream().map(o -> o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()).toList();
        }
    }
}
