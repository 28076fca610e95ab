package io.kustos.cluster.embedded;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request to the API as the handlers see it, whether it came over HTTP or from the simulated
 * controllers inside the cluster.
 */
public record ApiRequest(String method, String path, Map<String, String> query, String contentType,
                         String body, String userAgent) {

    /** Splits {@code /path?a=b&c=d} into path and decoded query parameters. */
    public static ApiRequest of(String method, String pathAndQuery, String contentType, String body,
                                String userAgent) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.put(key, value);
            }
        }
        return new ApiRequest(method, path, query, contentType, body, userAgent);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    public String param(String key) {
        return query.get(key);
    }

    public boolean dryRun() {
        return "All".equals(query.get("dryRun"));
    }

    /** The media type without parameters, lower case; empty when absent. */
    public String mediaType() {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase();
    }

    /**
     * The field manager: the {@code fieldManager} parameter, else the user agent's product name
     * (what a real API server does), else {@code unknown}.
     */
    public String fieldManagerOrDefault() {
        String manager = query.get("fieldManager");
        if (manager != null && !manager.isEmpty()) {
            return manager;
        }
        if (userAgent != null && !userAgent.isBlank()) {
            int slash = userAgent.indexOf('/');
            return (slash < 0 ? userAgent : userAgent.substring(0, slash)).trim();
        }
        return "unknown";
    }
}
