package io.kustos.cluster;

import io.kustos.config.Target;

import java.nio.file.Path;

/**
 * Which cluster a command or a target asks for, and where each choice was made, for messages.
 *
 * @param kubeconfig     the kubeconfig file asked for; null: look in the usual places
 * @param kubeconfigFrom where it was given, e.g. {@code --kubeconfig}
 * @param context        the context asked for; null: the kubeconfig's current-context
 * @param contextFrom    where it was given, e.g. {@code --context}
 */
public record ClusterSelection(Path kubeconfig, String kubeconfigFrom, String context, String contextFrom) {
    static final String KUBECONFIG_OPTION = "--kubeconfig";
    static final String CONTEXT_OPTION = "--context";

    /** The command line's choice, else the target's own {@code kubeconfig:} and {@code context:} of kustos.yaml. */
    static ClusterSelection of(Path kubeconfigOverride, String contextOverride, Target target) {
        String field = "kustos.yaml: target " + target.environment() + ": ";
        return new ClusterSelection(
                kubeconfigOverride != null ? kubeconfigOverride : target.kubeconfig(),
                kubeconfigOverride != null ? KUBECONFIG_OPTION : field + "kubeconfig",
                contextOverride != null ? contextOverride : target.context(),
                contextOverride != null ? CONTEXT_OPTION : field + "context");
    }

    /** The command line's choice alone (the cluster Kustos runs in). */
    static ClusterSelection of(Path kubeconfigOverride, String contextOverride) {
        return new ClusterSelection(kubeconfigOverride, KUBECONFIG_OPTION, contextOverride, CONTEXT_OPTION);
    }

    String id() {
        return kubeconfig + "|" + context;
    }
}
