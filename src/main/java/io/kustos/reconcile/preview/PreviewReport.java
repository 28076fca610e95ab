package io.kustos.reconcile.preview;

import io.kustos.failure.KustosException;
import io.kustos.source.Revision;

import java.util.List;

/**
 * What merging a pair of revisions would do, per environment in kustos.yaml's order
 * ({@code kustos preview}; a pull request's report renders the same value with {@link PreviewMarkdown}).
 */
public record PreviewReport(Revision config, Revision releases, List<EnvironmentPreview> environments) {
    public PreviewReport {
        environments = List.copyOf(environments);
    }

    /** Some environment would change (at once or after promotion). */
    public boolean changes() {
        return environments.stream().anyMatch(EnvironmentPreview::changes);
    }

    /** Why environments would be refused, in their order. */
    public List<KustosException> refusals() {
        return environments.stream().map(EnvironmentPreview::error).filter(java.util.Objects::nonNull).toList();
    }
}
