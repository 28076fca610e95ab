package io.kustos.runtime.shard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which live replica owns which environment: rendezvous (highest random weight) hashing with
 * bounded loads. Each environment, in name order, goes to the replica of highest weight
 * SHA-256(replica, environment) that holds fewer than ceil(E/R) of them, so that no replica owns
 * more than ceil(E/R) and a replica's arrival or departure moves few environments. Pure and
 * deterministic: replicas that see the same members compute the same assignment.
 */
final class Rendezvous {
    private Rendezvous() {
    }

    /** @return each environment's owner; empty when there is no member */
    static Map<String, String> assign(Collection<String> environments, Collection<String> members) {
        Map<String, String> owners = new LinkedHashMap<>();
        if (members.isEmpty()) {
            return owners;
        }
        List<String> envs = environments.stream().distinct().sorted().toList();
        List<String> replicas = members.stream().distinct().sorted().toList();
        int cap = (envs.size() + replicas.size() - 1) / replicas.size();
        Map<String, Integer> load = new HashMap<>();
        MessageDigest sha = sha256();
        for (String env : envs) {
            Map<String, Long> weights = new HashMap<>(); // each replica's weight once, not at every comparison
            replicas.forEach(r -> weights.put(r, weight(sha, r, env)));
            String owner = replicas.stream()
                    .filter(r -> load.getOrDefault(r, 0) < cap)
                    .max(Comparator.comparingLong((String r) -> weights.get(r)).thenComparing(Comparator.reverseOrder()))
                    .orElseThrow(); // cap * replicas >= envs: one always has room
            load.merge(owner, 1, Integer::sum);
            owners.put(env, owner);
        }
        return owners;
    }

    /** The weight of {@code replica} for {@code environment}: the first 8 bytes of SHA-256 over both, length-prefixed. */
    static long weight(String replica, String environment) {
        return weight(sha256(), replica, environment);
    }

    private static long weight(MessageDigest sha, String replica, String environment) {
        byte[] r = replica.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(r.length).array());
        sha.update(r);
        sha.update(environment.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(sha.digest()).getLong(); // digest() resets it for the next weight
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JVM", ex);
        }
    }
}
