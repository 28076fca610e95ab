package io.kustos.cluster.embedded;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The embedded API server's {@code /metrics}: {@code apiserver_request_total} with the labels
 * kube-apiserver gives it (verb, dry_run, group, version, resource, subresource, scope,
 * contentType, code), so that a client in another process counts this server's requests as it
 * counts a real one's. Requests of the simulated controllers are not HTTP requests and are not
 * counted; nor is {@code /metrics} itself.
 */
final class RequestMetrics {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one answered request; {@code rp} is null when the path names no resource (discovery, health). */
    void record(ApiRequest req, ResourcePath rp, int code) {
        var labels = new TreeMap<String, String>();
        labels.put("code", String.valueOf(code));
        labels.put("component", "apiserver");
        labels.put("contentType", "application/json");
        labels.put("dry_run", req.dryRun() ? "All" : "");
        if (rp == null) {
            labels.put("verb", req.method());
            labels.put("subresource", req.path());
            for (String l : new String[] {"group", "version", "resource", "scope"}) {
                labels.put(l, "");
            }
        } else {
            labels.put("verb", verb(req, rp));
            labels.put("group", rp.type().group());
            labels.put("version", rp.type().version());
            labels.put("resource", rp.type().plural());
            labels.put("subresource", rp.subresource() == null ? "" : rp.subresource());
            labels.put("scope", rp.name() != null ? "resource" : rp.namespace() != null ? "namespace" : "cluster");
        }
        var line = new StringBuilder("apiserver_request_total{");
        labels.forEach((k, v) -> line.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append("\","));
        line.setLength(line.length() - 1);
        counts.computeIfAbsent(line.append('}').toString(), k -> new LongAdder()).increment();
    }

    private static String verb(ApiRequest req, ResourcePath rp) {
        String method = req.method().equals("HEAD") ? "GET" : req.method();
        if (method.equals("PATCH") && req.mediaType().contains("apply-patch")) {
            return "APPLY";
        }
        if (!rp.isCollection()) {
            return method;
        }
        return switch (method) {
            case "GET" -> "true".equals(req.param("watch")) ? "WATCH" : "LIST";
            case "DELETE" -> "DELETECOLLECTION";
            default -> method;
        };
    }

    /** The Prometheus text exposition of the counters. */
    String render() {
        var out = new StringBuilder("# HELP apiserver_request_total Counter of apiserver requests broken out for each verb, "
                + "dry run value, group, version, resource, scope, component, and HTTP response code.\n"
                + "# TYPE apiserver_request_total counter\n");
        new TreeMap<>(counts).forEach((line, n) -> out.append(line).append(' ').append(n.sum()).append('\n'));
        return out.toString();
    }
}
