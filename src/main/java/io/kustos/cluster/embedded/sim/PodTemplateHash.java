package io.kustos.cluster.embedded.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash} of a pod template: FNV-32a over its canonical JSON, written in
 * the same "safe" alphabet Kubernetes uses. The same template gives the same hash, so reverting
 * a Deployment finds its old ReplicaSet again. (The value differs from a real cluster's.)
 */
public final class PodTemplateHash {

    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private PodTemplateHash() {
    }

    public static String of(JsonNode template) {
        byte[] bytes;
        try {
            Object tree = CANONICAL.treeToValue(template, Object.class);
            bytes = CANONICAL.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int hash = 0x811c9dc5;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        String decimal = Long.toString(hash & 0xffffffffL);
        StringBuilder sb = new StringBuilder();
        for (char ch : decimal.toCharArray()) {
            sb.append(ALPHANUMS.charAt(ch % ALPHANUMS.length()));
        }
        return sb.toString();
    }
}
