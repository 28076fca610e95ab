package io.kustos.rollout;

import io.kustos.apply.ServerSideApplier;
import io.kustos.plan.RunHook;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Which pre-deploy hooks succeeded for a workload: the annotation {@code kustos.io/hooks-succeeded}
 * on the workload, the names of their Jobs (one per hook and version), newest last, the last
 * {@value #KEPT}. It outlives the Jobs, which are deleted once they succeeded, so a hook still runs
 * once per version. Written by its own field manager, so Kustos's applies of the workload keep it.
 */
final class HookRecord {
    static final String FIELD_MANAGER = "kustos-hooks";
    static final int KEPT = 20;

    private HookRecord() {
    }

    /** The Jobs that succeeded, as the workload said when the reconcile read it. */
    static List<String> of(RunHook step) {
        String value = step.workload().live().annotations().get(Labels.HOOKS_SUCCEEDED);
        return value == null || value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::strip).toList();
    }

    static boolean succeeded(RunHook step) {
        return of(step).contains(step.jobName());
    }

    /**
     * Adds the step's Job to the workload's record: a server-side apply of that one annotation, sent and sent again as
     * Kustos's other writes are ({@link ServerSideApplier#applyAs}).
     */
    static void save(ServerSideApplier applier, RunHook step) {
        var jobs = new ArrayList<>(of(step));
        jobs.remove(step.jobName());
        jobs.add(step.jobName());
        List<String> kept = jobs.subList(Math.max(0, jobs.size() - KEPT), jobs.size());
        ObjectKey key = step.workload().key();
        Map<String, Object> body = Map.of("apiVersion", key.apiVersion(), "kind", key.kind(), "metadata", Map.of(
                "name", key.name(), "namespace", key.namespace(), "annotations", Map.of(Labels.HOOKS_SUCCEEDED, String.join(",", kept))));
        applier.applyAs(FIELD_MANAGER, key, body, true, false, UnaryOperator.identity(),
                key + ": the record that hook " + step.hook().name() + " succeeded (job " + step.jobName() + ")");
    }
}
