package io.kustos.diff;

import io.kustos.live.LiveConfig;
import io.kustos.render.Credit;
import io.kustos.render.DesiredConfig;
import io.kustos.render.Labels;
import io.kustos.render.ObjectKey;
import io.kustos.render.SourceRevisions;

import java.util.List;

/**
 * A ConfigMap or Secret to create or update.
 *
 * @param live     null when the object does not exist yet
 * @param entries  keys added, changed or removed
 * @param metadata labels, annotations or type that differ, as short phrases ({@code label team})
 */
public record ConfigChange(DesiredConfig desired, LiveConfig live, List<EntryChange> entries, List<String> metadata)
        implements ObjectChange {
    public ConfigChange {
        entries = List.copyOf(entries);
        metadata = List.copyOf(metadata);
    }

    @Override
    public ObjectKey key() {
        return desired.key();
    }

    public boolean creates() {
        return live == null;
    }

    /** The credit restoring this object's drift writes: the one Kustos last wrote on it, else {@code head}'s. */
    public Credit keptCredit(SourceRevisions head) {
        Credit ofHead = Credit.ofConfig(head);
        return live == null ? ofHead
                : Credit.kept(live.annotations(), live.ownedAnnotations().containsAll(List.of(Labels.REVISION, Labels.AUTHOR)), ofHead);
    }
}
