package io.kustos.runtime;

import io.kustos.agent.Agent;
import io.kustos.config.Sources;
import io.kustos.failure.KustosException;
import io.kustos.reconcile.preview.ChangedItem;
import io.kustos.reconcile.preview.PreviewMarkdown;
import io.kustos.reconcile.preview.PreviewReport;
import io.kustos.runtime.forge.PullRequestEvent;
import io.kustos.runtime.forge.PullRequestPreview;
import io.kustos.source.PreviewRef;

import java.util.SortedSet;

/**
 * The daemon's {@link PullRequestPreview}: {@code kustos preview}'s pipeline on the pull request's
 * head commit, against the followed branch of the other repo (one repo for both: the head is
 * both revisions), rendered as {@code -o markdown} does. Both are fetched into the preview clones
 * ({@code <cacheDir>/previews}), apart from the polled ones: a slow fetch never delays a poll. What the pull request changes, to find conflicts
 * with others, is what its head's render changes from the commit it forked from, per environment
 * ({@link io.kustos.reconcile.RevisionReconciler#changes}): a change already on the branch but not
 * yet applied (waiting for promotion, or not polled yet) is not the pull request's. Nothing is
 * written to the cluster.
 */
final class PullRequestPreviewer implements PullRequestPreview {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PullRequestPreviewer.class);
    private final Agent agent;

    private PullRequestPreviewer(Agent agent) {
        this.agent = agent;
    }

    static PullRequestPreview of(Agent agent) {
        return new PullRequestPreviewer(agent);
    }

    /** Drops the pull request's head ref from the preview clone: its commits are then unreferenced, and git's garbage collection drops them. */
    @Override
    public void closed(Side side, PullRequestEvent pr) {
        forget(side, new PreviewRef(pr.headRef()));
    }

    /** Drops {@code ref} from the preview clone of each repo {@code side} stands for. */
    private void forget(Side side, PreviewRef ref) {
        agent.sources().forget(side.config() ? ref : null, side.releases() ? ref : null);
    }

    @Override
    public Verdict preview(Side side, PullRequestEvent pr) {
        Sources sources = agent.config().sources();
        PreviewRef head = PreviewRef.commit(pr.headSha(), pr.headRef());
        PreviewRef configRef = side.config() ? head : new PreviewRef(sources.config().branch());
        PreviewRef releasesRef = side.releases() ? head : new PreviewRef(sources.releases().branch());
        PreviewReport report;
        SortedSet<ChangedItem> changes;
        try {
            var heads = agent.sources().preview(configRef, releasesRef);
            report = agent.reconciler().preview(heads.config(), heads.releases());
            changes = agent.reconciler().changes(agent.sources().forkPoint(heads, side.config(), side.releases()), heads);
        } catch (KustosException e) {
            // the forge is told only a fixed text of the reason; the log says why (URL, host, file: not for the pull request's readers)
            LOG.warn("{} {}: could not be previewed: {}", pr.noun(), pr, e.getMessage());
            return Verdict.failed(e);
        } finally {
            // the head's commit ref goes; its pull request's head ref stays (the next push fetches only what it adds) until it closes
            forget(side, new PreviewRef(head.text()));
        }
        return Verdict.of(report, new PreviewMarkdown().render(report), changes);
    }
}
