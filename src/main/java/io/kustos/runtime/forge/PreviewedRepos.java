package io.kustos.runtime.forge;

import io.kustos.config.PullRequestPreviews;
import io.kustos.config.Sources;

import java.util.ArrayList;
import java.util.List;

/**
 * The forge repos whose pull requests are previewed ({@code previews.configRepo}, {@code releasesRepo}),
 * and which of Kustos's sources a pull request's head stands for. One repo that is both the config
 * and the release repo ({@code sources.config} and {@code sources.releases} have the same url and
 * branch, and {@code configRepo} and {@code releasesRepo} name it, or only one of them is set) is
 * previewed as one: its pull request's head is both revisions, so a version bump and a config change
 * in one pull request show together.
 *
 * @param oneForBoth the repos name one repo, and both git sources are the same remote and branch
 */
record PreviewedRepos(String configRepo, String releasesRepo, boolean oneForBoth) {

    /** The repos of {@code settings}; one for both when they name one repo and {@code sources} are one remote and branch. */
    static PreviewedRepos of(PullRequestPreviews settings, Sources sources) {
        return of(settings, sources.oneRepo());
    }

    /**
     * @param oneRemote the two git sources are the same remote and branch: then one of {@code configRepo} and
     *                  {@code releasesRepo} alone names the one repo for both
     */
    static PreviewedRepos of(PullRequestPreviews settings, boolean oneRemote) {
        String config = settings.configRepo();
        String releases = settings.releasesRepo();
        if (oneRemote && (config == null || releases == null)) {
            config = config != null ? config : releases;
            releases = config;
        }
        boolean oneRepo = config != null && config.equalsIgnoreCase(releases);
        return new PreviewedRepos(config, releases, oneRepo && oneRemote);
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
