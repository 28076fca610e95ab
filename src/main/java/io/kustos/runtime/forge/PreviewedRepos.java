package io.kustos.runtime.forge;

import io.kustos.config.PullRequestPreviews;
import io.kustos.config.SourceSpec;
import io.kustos.config.Sources;

import java.util.ArrayList;
import java.util.List;

/**
 * The forge repos whose pull requests are previewed ({@code previews.configRepo}, {@code releasesRepo}),
 * and which of Kustos's sources a pull request's head stands for. One repo that is both the config
 * and the release repo ({@code configRepo} and {@code releasesRepo} name it, and {@code sources.config}
 * and {@code sources.releases} have the same url and branch) is previewed as one: its pull request's
 * head is both revisions, so a version bump and a config change in one pull request show together.
 *
 * @param oneForBoth the repos name one repo, and both git sources are the same remote and branch
 */
record PreviewedRepos(String configRepo, String releasesRepo, boolean oneForBoth) {

    /** The repos of {@code settings}; one for both when they name one repo and {@code sources} are one remote and branch. */
    static PreviewedRepos of(PullRequestPreviews settings, Sources sources) {
        return of(settings, sameRemote(sources.config(), sources.releases()));
    }

    /** @param oneRemote the two git sources are the same remote and branch */
    static PreviewedRepos of(PullRequestPreviews settings, boolean oneRemote) {
        boolean oneRepo = settings.configRepo() != null && settings.configRepo().equalsIgnoreCase(settings.releasesRepo());
        return new PreviewedRepos(settings.configRepo(), settings.releasesRepo(), oneRepo && oneRemote);
    }

    private static boolean sameRemote(SourceSpec config, SourceSpec releases) {
        return config.url().equals(releases.url()) && config.branch().equals(releases.branch());
    }

    /** What {@code event}'s head is previewed as; null when its repo is none of these. */
    PullRequestPreview.Side side(PullRequestEvent event) {
        if (event.repo().equalsIgnoreCase(String.valueOf(configRepo))) {
            return oneForBoth ? PullRequestPreview.Side.BOTH : PullRequestPreview.Side.CONFIG;
        }
        if (event.repo().equalsIgnoreCase(String.valueOf(releasesRepo))) {
            return PullRequestPreview.Side.RELEASES;
        }
        return null;
    }

    /** The repos whose open pull requests are listed, each once. */
    List<String> repos() {
        var repos = new ArrayList<String>();
        for (String repo : new String[] {configRepo, releasesRepo}) {
            if (repo != null && repos.stream().noneMatch(repo::equalsIgnoreCase)) {
                repos.add(repo);
            }
        }
        return repos;
    }
}
