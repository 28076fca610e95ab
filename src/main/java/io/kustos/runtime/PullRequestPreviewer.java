package io.kustos.runtime;

import io.kustos.agent.Agent;
import io.kustos.config.Sources;
import io.kustos.failure.KustosException;
import io.kustos.reconcile.preview.ChangedItem;
import io.kustos.reconcile.preview.EnvironmentPreview;
import io.kustos.reconcile.preview.PreviewMarkdown;
import io.kustos.reconcile.preview.PreviewReport;
import io.kustos.runtime.forge.PullRequestEvent;
import io.kustos.runtime.forge.PullRequestPreview;
import io.kustos.source.PreviewRef;
import io.kustos.text.Plural;

import java.util.List;
import java.util.SortedSet;

/**
 * The daemon's {@link PullRequestPreview}: {@code kustos preview}'s pipeline on the pull request's
 * head commit, against the followed branch of the other repo, rendered as {@code -o markdown}
 * does. Both are fetched into the preview clones ({@code <cacheDir>/previews}), apart from the
 * polled ones: a slow fetch never delays a poll. What the pull request changes, to find conflicts
 * with others, is what its head's render changes from the commit it forked from, per environment
 * ({@link io.kustos.reconcile.RevisionReconciler#changes}): a change already on the branch but not
 * yet applied (waiting for promotion, or not polled yet) is not the pull request's. Nothing is
 * written to the cluster.
 */
final class PullRequestPreviewer implements PullRequestPreview {
    private final Agent agent;

    private PullRequestPreviewer(Agent agent) {
        this.agent = agent;
    }

    static PullRequestPreview of(Agent agent) {
        return new PullRequestPreviewer(agent);
    }

    @Override
    public Verdict preview(Side side, PullRequestEvent pr) {
        Sources sources = agent.config().sources();
        PreviewRef head = new PreviewRef(pr.headSha());
        PreviewRef configRef = side == Side.CONFIG ? head : new PreviewRef(sources.config().branch());
        PreviewRef releasesRef = side == Side.RELEASES ? head : new PreviewRef(sources.releases().branch());
        PreviewReport report;
        SortedSet<ChangedItem> changes;
        try {
            var heads = agent.sources().preview(configRef, releasesRef);
            report = agent.reconciler().preview(heads.config(), heads.releases());
            changes = agent.reconciler().changes(agent.sources().forkPoint(heads, side == Side.CONFIG), heads);
        } catch (KustosException e) {
            return new Verdict("### Kustos preview\n\nThe preview could not run: " + e.getMessage().replace("\n", " ") + "\n",
                    false, e.getMessage());
        }
        return verdict(report, new PreviewMarkdown().render(report), changes);
    }

    /**
     * Passed unless an environment would be refused; the description says what would change, or the
     * first refusal; {@code changes}, what the pull request changes, go along (to find conflicts with other pull requests).
     */
    static Verdict verdict(PreviewReport report, String markdown, SortedSet<ChangedItem> changes) {
        List<EnvironmentPreview> refused = report.environments().stream().filter(e -> e.error() != null).toList();
        if (!refused.isEmpty()) {
            EnvironmentPreview first = refused.get(0);
            return new Verdict(markdown, false, first.environment() + ": " + first.error().getMessage(), changes);
        }
        long now = report.environments().stream().filter(e -> e.verdict() == EnvironmentPreview.Verdict.CHANGES).count();
        long later = report.environments().stream().filter(e -> e.verdict() == EnvironmentPreview.Verdict.WAITS).count();
        String description = now + later == 0 ? "a merge would change nothing"
                : "a merge would change " + Plural.of((int) now, "environment") + " at once" + (later == 0 ? "" : ", " + later + " after promotion");
        return new Verdict(markdown, true, description, changes);
    }
}
