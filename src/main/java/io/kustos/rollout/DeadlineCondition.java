package io.kustos.rollout;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kustos.cluster.ModelReaders;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a Deployment's {@code Progressing=False, ProgressDeadlineExceeded} is about its current
 * pod template. The deployment controller keeps a timed-out condition until it sees progress, and
 * may write it again with the new observedGeneration in the first sync after a template change
 * (rolling back to the old ReplicaSet, whose pods were all there, is no "progress"): that condition
 * still names the ReplicaSet that timed out. So it counts only when the ReplicaSet it names is the
 * one of the current template (the controller's own test: the same template but for the
 * {@code pod-template-hash} label).
 */
final class DeadlineCondition {
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    private static final Pattern NAMED = Pattern.compile("ReplicaSet \"([^\"]+)\"");
    private static final String HASH_LABEL = "pod-template-hash";

    private DeadlineCondition() {
    }

    /** The Deployment's Progressing condition when it says the deadline passed, else null. */
    static DeploymentCondition of(Deployment d) {
        if (d.getStatus() == null || d.getStatus().getConditions() == null) {
            return null;
        }
        return d.getStatus().getConditions().stream()
                .filter(c -> "Progressing".equals(c.getType()) && TIMED_OUT.equals(c.getReason())).findFirst().orElse(null);
    }

    /** The ReplicaSet the condition's message names, or null (then it is taken as it is, as kubectl does). */
    static String replicaSet(DeploymentCondition c) {
        Matcher m = NAMED.matcher(c.getMessage() == null ? "" : c.getMessage());
        return m.find() ? m.group(1) : null;
    }

    /**
     * @param replicaSets reads a ReplicaSet of the Deployment's namespace by name (null: there is none)
     * @return true when the condition is about the current template, false when it is left over from an older one
     */
    static boolean current(Deployment d, DeploymentCondition c, Function<String, ReplicaSet> replicaSets) {
        String name = replicaSet(c);
        if (name == null) {
            return true;
        }
        ReplicaSet rs = replicaSets.apply(name);
        return rs != null && rs.getSpec() != null && sameTemplate(rs.getSpec().getTemplate(), d.getSpec().getTemplate());
    }

    private static boolean sameTemplate(PodTemplateSpec ofReplicaSet, PodTemplateSpec ofDeployment) {
        if (ofReplicaSet == null || ofDeployment == null) {
            return ofReplicaSet == ofDeployment;
        }
        PodTemplateSpec copy = ModelReaders.serialization().clone(ofReplicaSet);
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            copy.getMetadata().getLabels().remove(HASH_LABEL);
        }
        PodTemplateSpec other = ModelReaders.serialization().clone(ofDeployment);
        if (other.getMetadata() != null && other.getMetadata().getLabels() != null) {
            other.getMetadata().getLabels().remove(HASH_LABEL);
        }
        return copy.equals(other);
    }
}
