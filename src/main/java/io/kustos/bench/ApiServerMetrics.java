package io.kustos.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts requests from kube-apiserver's {@code apiserver_request_total}. Only requests answered
 * in JSON are counted: Kustos (fabric8) and kubectl ask for JSON, while kube-controller-manager and
 * the API server's own loopback client speak protobuf, so their traffic (their watches too) stays out. A
 * watch in JSON counts as a read (Kustos's rollout wait watches; kube-apiserver counts a watch when it
 * ends, the embedded cluster when it opens). The health and metrics endpoints are not counted;
 * discovery ({@code /api}, {@code /apis}, {@code /openapi}) is, as a read.
 */
final class ApiServerMetrics {
    private static final Pattern LINE = Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private ApiServerMetrics() {
    }

    static ServerCounts parse(String metrics) {
        return parse(metrics, null);
    }

    /** As {@link #parse(String)}, only the requests for {@code resource} (e.g. {@code leases}); all when null. */
    static ServerCounts parse(String metrics, String resource) {
        ServerCounts c = ServerCounts.ZERO;
        for (String line : metrics.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = labels(m.group(1));
            if (resource != null && !resource.equals(labels.get("resource"))) {
                continue;
            }
            String category = category(labels);
            if (category != null) {
                c = c.plus(category, (long) Double.parseDouble(m.group(2)));
            }
        }
        return c;
    }

    private static Map<String, String> labels(String s) {
        var labels = new HashMap<String, String>();
        Matcher m = LABEL.matcher(s);
        while (m.find()) {
            labels.put(m.group(1), m.group(2));
        }
        return labels;
    }

    /** @return read, dryRun, write, event, or null when not counted */
    static String category(Map<String, String> l) {
        String verb = l.getOrDefault("verb", "");
        String resource = l.getOrDefault("resource", "");
        if (verb.equals("CONNECT")) {
            return null;
        }
        if (resource.isEmpty()) {
            String path = l.getOrDefault("subresource", "");
            return path.startsWith("/api") || path.startsWith("/openapi") ? "read" : null;
        }
        if (!l.getOrDefault("contentType", "").startsWith("application/json")) {
            return null;
        }
        if (verb.equals("GET") || verb.equals("LIST") || verb.equals("WATCH")) {
            return "read";
        }
        if (!l.getOrDefault("dry_run", "").isEmpty()) {
            return "dryRun";
        }
        return resource.equals("events") ? "event" : "write";
    }
}
