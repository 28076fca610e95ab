package io.kustos.rollout;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.kustos.cluster.ModelReaders;
import io.kustos.plan.RunHook;
import io.kustos.render.Labels;
import io.kustos.render.SourceRevisions;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a hook's Job from the workload's new pod template: its image, env, envFrom, volumes and
 * service account, with the hook's command, one container, no probes, never restarted, and
 * none of the workload's pod labels (so no Service sends it traffic).
 */
public final class HookJobs {

    private HookJobs() {
    }

    public static Job build(RunHook step, SourceRevisions rev) {
        var change = step.workload();
        PodTemplateSpec template = ModelReaders.serialization().clone(change.live().template());
        String workload = change.key().name();
        List<Container> containers = template.getSpec().getContainers();
        Container main = containers.stream().filter(c -> c.getName().equals(workload)).findFirst().orElse(containers.get(0));
        change.desired().images().forEach((name, image) -> containers.stream().filter(c -> c.getName().equals(name))
                .forEach(c -> c.setImage(image)));
        main.setCommand(step.hook().command());
        main.setArgs(null);
        main.setLivenessProbe(null);
        main.setReadinessProbe(null);
        main.setStartupProbe(null);
        main.setPorts(null);
        template.getSpec().setContainers(List.of(main));
        template.getSpec().setRestartPolicy("Never");
        var annotations = new TreeMap<String, String>();
        if (change.newHash() != null) {
            annotations.put(Labels.CONFIG_HASH, io.kustos.diff.ConfigHash.forWriting(change.newHash()));
        }
        var labels = Map.of("kustos.io/hook", step.hook().name(), "kustos.io/workload", workload);
        var meta = new ObjectMeta();
        meta.setLabels(new TreeMap<>(labels));
        meta.setAnnotations(annotations);
        template.setMetadata(meta);
        return new JobBuilder()
                .withNewMetadata().withName(step.jobName()).withNamespace(change.key().namespace())
                .addToLabels(labels).addToLabels(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)
                .addToAnnotations(Labels.REVISION, rev.pair().annotation()).addToAnnotations(Labels.AUTHOR, rev.releasesCommit().author())
                .endMetadata()
                .withNewSpec().withBackoffLimit(0).withActiveDeadlineSeconds(step.hook().timeout().toSeconds())
                .withTemplate(template).endSpec()
                .build();
    }
}
