package io.kustos.runtime;

import io.kustos.agent.Agent;
import io.kustos.runtime.forge.PullRequestPreview;

/** The daemon's {@link PullRequestPreview}: {@code kustos preview}'s pipeline on the pull request's head. */
final class PullRequestPreviewer {
    private PullRequestPreviewer() {
    }

    static PullRequestPreview of(Agent agent) {
        return (side, pr) -> new PullRequestPreview.Verdict("### Kustos preview\n\nPreviews are not built into this daemon yet.\n",
                false, "kustos/preview is not available in this build");
    }
}
