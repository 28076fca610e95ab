package io.kustos.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where one environment of the repos goes.
 *
 * @param environment       the folder name under environments/ in both repos
 * @param namespace         the namespace objects go to unless a manifest names an allowed one
 * @param allowedNamespaces further namespaces a manifest of this environment may name
 * @param kubeconfig        kubeconfig file; default: $KUBECONFIG, ~/.kube/config, then the in-cluster account
 * @param context           kubeconfig context, which must exist there; default: its current context
 * @param allowMutableTags  accept image tags like {@code latest} or no tag at all
 * @param after             the environments this one follows (promotion): a release revision is applied here only
 *                          once each of them has applied it; empty: no ordering
 */
public record Target(String environment, String namespace, List<String> allowedNamespaces,
                     Path kubeconfig, String context, boolean allowMutableTags, List<String> after) {
    public Target {
        allowedNamespaces = allowedNamespaces == null ? List.of() : List.copyOf(allowedNamespaces);
        after = after == null ? List.of() : List.copyOf(after);
    }

    /** A target that follows no other environment. */
    public Target(String environment, String namespace, List<String> allowedNamespaces,
                  Path kubeconfig, String context, boolean allowMutableTags) {
        this(environment, namespace, allowedNamespaces, kubeconfig, context, allowMutableTags, List.of());
    }

    public boolean allows(String ns) {
        return namespace.equals(ns) || allowedNamespaces.contains(ns);
    }
}
