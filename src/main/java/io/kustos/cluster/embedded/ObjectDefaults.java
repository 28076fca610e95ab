package io.kustos.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Server-side defaulting for the served kinds (the values a real API server fills in, which a
 * reconciler must not mistake for drift), and Secret {@code stringData} folded into {@code data}.
 */
final class ObjectDefaults {

    void apply(ResourceType type, ObjectNode object) {
        switch (type.kind()) {
            case "Secret" -> secret(object);
            case "Namespace" -> namespace(object);
            case "Deployment" -> deployment(object);
            case "ReplicaSet" -> {
                Json.with(object, "spec").putIfAbsent("replicas", num(1));
                podTemplate(Json.with(object, "spec", "template"), true);
            }
            case "StatefulSet" -> statefulSet(object);
            case "DaemonSet" -> daemonSet(object);
            case "Job" -> job(object);
            case "Pod" -> podSpec(Json.with(object, "spec"), true);
            default -> { }
        }
    }

    /** Folds {@code stringData} into base64 {@code data}; stringData wins and is never stored. */
    static void secret(ObjectNode secret) {
        secret.putIfAbsent("type", Json.MAPPER.getNodeFactory().textNode("Opaque"));
        JsonNode stringData = secret.remove("stringData");
        if (stringData != null && stringData.isObject() && !stringData.isEmpty()) {
            ObjectNode data = Json.with(secret, "data");
            Iterator<Map.Entry<String, JsonNode>> it = stringData.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                data.put(e.getKey(), Base64.getEncoder()
                        .encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private static void namespace(ObjectNode ns) {
        ObjectNode spec = Json.with(ns, "spec");
        if (!spec.has("finalizers")) {
            spec.putArray("finalizers").add("kubernetes");
        }
        Json.with(ns, "status").putIfAbsent("phase", Json.MAPPER.getNodeFactory().textNode("Active"));
    }

    private static void deployment(ObjectNode d) {
        ObjectNode spec = Json.with(d, "spec");
        spec.putIfAbsent("replicas", num(1));
        spec.putIfAbsent("revisionHistoryLimit", num(10));
        spec.putIfAbsent("progressDeadlineSeconds", num(600));
        ObjectNode strategy = Json.with(spec, "strategy");
        strategy.putIfAbsent("type", text("RollingUpdate"));
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            ObjectNode rolling = Json.with(strategy, "rollingUpdate");
            rolling.putIfAbsent("maxSurge", text("25%"));
            rolling.putIfAbsent("maxUnavailable", text("25%"));
        }
        podTemplate(Json.with(spec, "template"), true);
    }

    private static void statefulSet(ObjectNode s) {
        ObjectNode spec = Json.with(s, "spec");
        spec.putIfAbsent("replicas", num(1));
        spec.putIfAbsent("revisionHistoryLimit", num(10));
        spec.putIfAbsent("podManagementPolicy", text("OrderedReady"));
        ObjectNode strategy = Json.with(spec, "updateStrategy");
        strategy.putIfAbsent("type", text("RollingUpdate"));
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            Json.with(strategy, "rollingUpdate").putIfAbsent("partition", num(0));
        }
        podTemplate(Json.with(spec, "template"), true);
    }

    private static void daemonSet(ObjectNode ds) {
        ObjectNode spec = Json.with(ds, "spec");
        spec.putIfAbsent("revisionHistoryLimit", num(10));
        ObjectNode strategy = Json.with(spec, "updateStrategy");
        strategy.putIfAbsent("type", text("RollingUpdate"));
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            Json.with(strategy, "rollingUpdate").putIfAbsent("maxUnavailable", num(1));
        }
        podTemplate(Json.with(spec, "template"), true);
    }

    private static void job(ObjectNode job) {
        ObjectNode spec = Json.with(job, "spec");
        spec.putIfAbsent("backoffLimit", num(6));
        spec.putIfAbsent("completions", num(1));
        spec.putIfAbsent("parallelism", num(1));
        String uid = Json.text(job, "metadata", "uid");
        String name = Json.text(job, "metadata", "name");
        if (uid != null && !spec.has("selector")) {
            Json.with(spec, "selector", "matchLabels").put("controller-uid", uid);
            ObjectNode labels = Json.with(spec, "template", "metadata", "labels");
            labels.put("controller-uid", uid);
            labels.put("job-name", name);
        }
        podTemplate(Json.with(spec, "template"), false);
    }

    private static void podTemplate(ObjectNode template, boolean defaultRestartPolicy) {
        Json.with(template, "metadata");
        podSpec(Json.with(template, "spec"), defaultRestartPolicy);
    }

    private static void podSpec(ObjectNode spec, boolean defaultRestartPolicy) {
        if (defaultRestartPolicy) {
            spec.putIfAbsent("restartPolicy", text("Always"));
        }
        spec.putIfAbsent("terminationGracePeriodSeconds", num(30));
        spec.putIfAbsent("dnsPolicy", text("ClusterFirst"));
        spec.putIfAbsent("securityContext", Json.object());
        spec.putIfAbsent("schedulerName", text("default-scheduler"));
        for (String list : new String[] {"containers", "initContainers"}) {
            for (JsonNode c : spec.path(list)) {
                if (c instanceof ObjectNode container) {
                    container(container);
                }
            }
        }
    }

    private static void container(ObjectNode c) {
        String image = c.path("image").asText("");
        String afterSlash = image.substring(image.lastIndexOf('/') + 1);
        boolean latest = !image.contains("@") && (!afterSlash.contains(":") || afterSlash.endsWith(":latest"));
        c.putIfAbsent("imagePullPolicy", text(latest ? "Always" : "IfNotPresent"));
        c.putIfAbsent("terminationMessagePath", text("/dev/termination-log"));
        c.putIfAbsent("terminationMessagePolicy", text("File"));
        c.putIfAbsent("resources", Json.object());
        for (JsonNode port : c.path("ports")) {
            if (port instanceof ObjectNode p) {
                p.putIfAbsent("protocol", text("TCP"));
            }
        }
    }

    private static JsonNode num(int value) {
        return Json.MAPPER.getNodeFactory().numberNode(value);
    }

    private static JsonNode text(String value) {
        return Json.MAPPER.getNodeFactory().textNode(value);
    }
}
