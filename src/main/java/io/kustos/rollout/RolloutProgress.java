package io.kustos.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.function.Function;

/**
 * Where one workload's rollout stands, judged as {@code kubectl rollout status} judges it, but for
 * a {@code ProgressDeadlineExceeded} left over from an older ReplicaSet (see {@link DeadlineCondition}).
 */
public record RolloutProgress(State state, String message) {
    public enum State { PROGRESSING, DONE, FAILED }

    static RolloutProgress progressing(String m) {
        return new RolloutProgress(State.PROGRESSING, m);
    }

    /** @param replicaSets reads a ReplicaSet of the workload's namespace by name (null: none); asked only about a timed-out Deployment */
    public static RolloutProgress of(HasMetadata workload, Function<String, ReplicaSet> replicaSets) {
        if (workload == null) {
            return new RolloutProgress(State.FAILED, "the workload was deleted");
        }
        if (workload instanceof Deployment d) {
            return deployment(d, replicaSets);
        }
        if (workload instanceof StatefulSet s) {
            return statefulSet(s);
        }
        if (workload instanceof DaemonSet d) {
            return daemonSet(d);
        }
        throw new IllegalArgumentException(workload.getKind());
    }

    private static boolean observed(HasMetadata o, Long observedGeneration) {
        Long gen = o.getMetadata().getGeneration();
        return observedGeneration != null && (gen == null || observedGeneration >= gen);
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }

    static RolloutProgress deployment(Deployment d, Function<String, ReplicaSet> replicaSets) {
        var st = d.getStatus();
        if (st == null || !observed(d, st.getObservedGeneration())) {
            return progressing("waiting for the controller to see the new generation");
        }
        DeploymentCondition timedOut = DeadlineCondition.of(d);
        if (timedOut != null && DeadlineCondition.current(d, timedOut, replicaSets)) {
            return new RolloutProgress(State.FAILED, DeadlineCondition.TIMED_OUT + ": " + timedOut.getMessage());
        }
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int updated = n(st.getUpdatedReplicas());
        if (updated < desired) {
            return progressing(updated + "/" + desired + " replicas updated");
        }
        if (n(st.getReplicas()) > updated) {
            return progressing((n(st.getReplicas()) - updated) + " old replicas pending termination");
        }
        if (n(st.getAvailableReplicas()) < updated) {
            return progressing(n(st.getAvailableReplicas()) + "/" + updated + " updated replicas available");
        }
        return new RolloutProgress(State.DONE, updated + "/" + desired + " replicas updated and available");
    }

    static RolloutProgress statefulSet(StatefulSet s) {
        var st = s.getStatus();
        if (st == null || !observed(s, st.getObservedGeneration())) {
            return progressing("waiting for the controller to see the new generation");
        }
        int desired = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
        if (n(st.getReadyReplicas()) < desired) {
            return progressing(n(st.getReadyReplicas()) + "/" + desired + " replicas ready");
        }
        if (st.getUpdateRevision() != null && !st.getUpdateRevision().equals(st.getCurrentRevision())) {
            return progressing(n(st.getUpdatedReplicas()) + "/" + desired + " replicas updated");
        }
        return new RolloutProgress(State.DONE, desired + "/" + desired + " replicas updated and ready");
    }

    static RolloutProgress daemonSet(DaemonSet d) {
        var st = d.getStatus();
        if (st == null || !observed(d, st.getObservedGeneration())) {
            return progressing("waiting for the controller to see the new generation");
        }
        int desired = n(st.getDesiredNumberScheduled());
        if (n(st.getUpdatedNumberScheduled()) < desired) {
            return progressing(n(st.getUpdatedNumberScheduled()) + "/" + desired + " pods updated");
        }
        if (n(st.getNumberAvailable()) < desired) {
            return progressing(n(st.getNumberAvailable()) + "/" + desired + " updated pods available");
        }
        return new RolloutProgress(State.DONE, desired + "/" + desired + " pods updated and available");
    }
}
