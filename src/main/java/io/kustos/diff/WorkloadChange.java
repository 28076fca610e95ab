package io.kustos.diff;

import io.kustos.live.LiveWorkload;
import io.kustos.render.Credit;
import io.kustos.render.DesiredWorkload;
import io.kustos.render.ObjectKey;
import io.kustos.render.SourceRevisions;

import java.util.Objects;
import java.util.SortedMap;

/**
 * A workload to patch: a new image for some containers, a new config hash (its ConfigMaps or
 * Secrets changed), or both, in one patch and so one rollout.
 *
 * @param oldImages the changed containers' current images (empty when only the config changed)
 * @param oldHash   the pod template's config hash now (null: none)
 * @param newHash   the config hash git gives (null: the workload uses no config Kustos manages)
 */
public record WorkloadChange(DesiredWorkload desired, LiveWorkload live, SortedMap<String, String> oldImages,
                             String oldHash, String newHash) implements ObjectChange {
    @Override
    public ObjectKey key() {
        return desired.key();
    }

    /** A new version of some container: pre-deploy hooks run for it. */
    public boolean newVersion() {
        return !oldImages.isEmpty();
    }

    /** The credit restoring this workload's drift writes: the one it carries, else {@code head}'s. */
    public Credit keptCredit(SourceRevisions head) {
        Credit ofHead = Credit.ofReleases(head);
        return live == null ? ofHead : Credit.kept(live.annotations(), true, ofHead);
    }

    public boolean restartsForConfig() {
        return !Objects.equals(oldHash, newHash);
    }
}
