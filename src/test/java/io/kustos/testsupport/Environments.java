package io.kustos.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * More environments beside the {@code staging} of a {@link KustosHarness}: each gets its own
 * namespace with the Deployment {@code app} (as staging has), its target in kustos.yaml (after
 * staging's, in the order added) and its {@code release.yaml}. Closing deletes the namespaces it made.
 */
public final class Environments implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KustosHarness h;
    private final Map<String, String> namespaces = new LinkedHashMap<>();
    private final List<FakeKubelet> kubelets = new ArrayList<>();

    public Environments(KustosHarness h) {
        this.h = h;
        namespaces.put("staging", h.namespace());
    }

    /**
     * Adds environment {@code environment}: a fresh namespace with the Deployment {@code app}
     * (image {@code app:1.0.0}, no replicas), its target in kustos.yaml with {@code targetFields}
     * (e.g. {@code "after: [staging]"}, or empty), and a release.yaml with {@code app:1.0.0}.
     */
    public String add(String environment, String targetFields) {
        String ns = "kt-" + environment.charAt(0) + "-" + HexFormat.of().formatHex(randomBytes()).substring(0, 8);
        h.cluster().createNamespace(ns);
        h.cluster().client().apps().deployments().inNamespace(ns).resource(KustosHarness.deployment(ns, "app",
                "registry.example.com/app:1.0.0", 0, 600, "app-config")).create();
        namespaces.put(environment, ns);
        try {
            String yaml = Files.readString(h.kustosYaml());
            String last = lastTargetLine(yaml);
            String line = "  - { environment: " + environment + ", namespace: " + ns + (targetFields.isBlank() ? "" : ", " + targetFields) + " }\n";
            Files.writeString(h.kustosYaml(), yaml.replace(last, last + line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        h.releases().commit("release " + environment, Map.of(releasePath(environment), release(environment, Map.of("app", "registry.example.com/app:1.0.0"))));
        return ns;
    }

    private static String lastTargetLine(String yaml) {
        String last = null;
        for (String line : yaml.split("(?<=\n)")) {
            if (line.startsWith("  - { environment: ")) {
                last = line;
            }
        }
        if (last == null) {
            throw new IllegalStateException("no target in kustos.yaml:\n" + yaml);
        }
        return last;
    }

    /** The namespace of {@code environment}. */
    public String namespace(String environment) {
        String ns = namespaces.get(environment);
        if (ns == null) {
            throw new IllegalArgumentException("no environment " + environment + " (" + namespaces.keySet() + ")");
        }
        return ns;
    }

    /** Environment names, staging first, then in the order added. */
    public List<String> names() {
        return List.copyOf(namespaces.keySet());
    }

    /** Creates Deployment {@code name} (one container of that name at {@code image}) in {@code environment}'s namespace. */
    public void addDeployment(String environment, String name, String image, int replicas, int progressDeadlineSeconds) {
        String ns = namespace(environment);
        h.cluster().client().apps().deployments().inNamespace(ns)
                .resource(KustosHarness.deployment(ns, name, image, replicas, progressDeadlineSeconds)).create();
    }

    /** Starts a {@link FakeKubelet} for each environment's namespace (on realkube; nothing on the embedded cluster), until closed. */
    public Environments withKubelets() {
        namespaces.values().forEach(ns -> kubelets.add(FakeKubelet.start(h.cluster(), ns)));
        return this;
    }

    /** The image of the first container of Deployment {@code name} in {@code environment}. */
    public String image(String environment, String name) {
        var d = h.cluster().client().apps().deployments().inNamespace(namespace(environment)).withName(name).get();
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    /** The value of {@code key} of ConfigMap {@code name} in {@code environment}, null when either is missing. */
    public String configValue(String environment, String name, String key) {
        ConfigMap cm = h.cluster().client().configMaps().inNamespace(namespace(environment)).withName(name).get();
        return cm == null || cm.getData() == null ? null : cm.getData().get(key);
    }

    public static String releasePath(String environment) {
        return "environments/" + environment + "/release.yaml";
    }

    /** A release manifest for {@code environment}: workload name to image, one container named like the workload. */
    public static String release(String environment, Map<String, String> images) {
        var sb = new StringBuilder("apiVersion: kustos.io/v1\nkind: Release\nenvironment: " + environment + "\nworkloads:\n");
        new TreeMap<>(images).forEach((name, image) -> sb.append("  - name: ").append(name)
                .append("\n    containers:\n      ").append(name).append(": ").append(image).append("\n"));
        return sb.toString();
    }

    /**
     * The records of {@code environment}'s kustos-history as {@code kustos history -e ENV -o json}
     * prints them, newest first (each has {@code outcome}, {@code config}, {@code releases}, {@code message}).
     */
    public List<JsonNode> history(String environment) {
        var run = h.kustos("history", "-e", environment, "-o", "json");
        if (run.exit() != 0) {
            throw new AssertionError("kustos history -e " + environment + " failed:\n" + run);
        }
        try {
            var out = new ArrayList<JsonNode>();
            JSON.readTree(run.out()).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new AssertionError("kustos history -o json printed no JSON:\n" + run, e);
        }
    }

    /**
     * The records in {@code environment}'s kustos-history ConfigMap, read with the admin client
     * (any order): for checking while a {@code kustos apply} runs in another thread.
     */
    public List<JsonNode> historyInCluster(String environment) {
        ConfigMap cm = h.cluster().client().configMaps().inNamespace(namespace(environment)).withName("kustos-history").get();
        var out = new ArrayList<JsonNode>();
        if (cm == null || cm.getData() == null) {
            return out;
        }
        cm.getData().forEach((key, value) -> {
            if (key.matches("r\\d+")) {
                try {
                    out.add(JSON.readTree(value));
                } catch (IOException e) {
                    throw new AssertionError("unreadable history record " + key + " in " + namespace(environment) + ": " + value, e);
                }
            }
        });
        return out;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    @Override
    public void close() {
        kubelets.forEach(FakeKubelet::close);
        for (var e : namespaces.entrySet()) {
            if (!e.getKey().equals("staging")) {
                try {
                    h.cluster().client().namespaces().withName(e.getValue()).delete();
                } catch (RuntimeException ignored) {
                    // as KustosHarness: a real cluster cleans up the namespace later
                }
            }
        }
    }
}
