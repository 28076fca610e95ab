package io.kustos.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads {@code targets}: at least one, environment names unique, names valid, no two
 * environments writing into the same namespace of the same cluster (they would prune each other),
 * and {@code after:} naming other targets without a cycle ({@link PromotionOrder}).
 */
final class TargetsBinder {
    private static final String DNS_LABEL = " (DNS-1123 label)";

    private TargetsBinder() {
    }

    static List<Target> targets(ConfigNode root) {
        List<ConfigNode> nodes = root.mappings("targets", Target.class);
        if (nodes == null || nodes.isEmpty()) {
            if (!root.has("targets") || (nodes != null && !root.hasItems("targets"))) {
                root.problem("targets", "at least one target is required");
            }
            return null;
        }
        List<Target> targets = new ArrayList<>();
        Map<String, String> environments = new HashMap<>();
        Map<List<String>, String> placements = new HashMap<>();
        List<PromotionOrder.Follows> follows = new ArrayList<>();
        for (ConfigNode node : nodes) {
            List<ConfigNode.Placed> after = node.placedStrings("after");
            Target target = target(node, after);
            targets.add(target);
            follows.add(new PromotionOrder.Follows(target.environment(), after));
            if (target.environment() != null) {
                String first = environments.putIfAbsent(target.environment(), node.location());
                if (first != null) {
                    node.problem("environment", "\"" + target.environment() + "\" is already used by " + first);
                }
            }
            if (target.namespace() != null) {
                List<String> placement = List.of(target.namespace(), Objects.toString(target.kubeconfig(), ""),
                        Objects.toString(target.context(), ""));
                String first = placements.putIfAbsent(placement, node.location());
                if (first != null) {
                    node.problem("namespace", "\"" + target.namespace() + "\" is already the namespace of " + first
                            + " on the same cluster (same kubeconfig and context)");
                }
            }
        }
        PromotionOrder.check(root, follows);
        return targets;
    }

    private static Target target(ConfigNode node, List<ConfigNode.Placed> after) {
        String environment = name(node, "environment", "environment");
        String namespace = name(node, "namespace", "namespace");
        List<String> allowed = node.strings("allowedNamespaces",
                ns -> NameRules.isDns1123Label(ns) ? null : "\"" + ns + "\" is not a valid namespace name" + DNS_LABEL);
        Path kubeconfig = node.path("kubeconfig");
        String context = node.string("context");
        Boolean allowMutableTags = node.bool("allowMutableTags");
        return new Target(environment, namespace, allowed, kubeconfig, context, Boolean.TRUE.equals(allowMutableTags),
                after == null ? null : after.stream().map(ConfigNode.Placed::text).toList());
    }

    private static String name(ConfigNode node, String field, String what) {
        String value = node.string(field);
        if (value == null) {
            if (!node.has(field)) {
                node.problem(field, "required");
            }
            return null;
        }
        if (!NameRules.isDns1123Label(value)) {
            node.problem(field, "\"" + value + "\" is not a valid " + what + " name" + DNS_LABEL);
            return null;
        }
        return value;
    }
}
