package io.kustos.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code previews:} in kustos.yaml: the daemon previews the pull requests of the config and release
 * repos (their webhooks, {@code /hooks/<forge>}) and reports on the forge: one comment per pull
 * request, edited in place, and a commit status {@code kustos/preview} on its head.
 *
 * @param forge        where the repos are hosted
 * @param apiUrl       the forge's REST API; default {@code https://api.github.com} and
 *                     {@code https://gitlab.com/api/v4}; required for Gitea ({@code https://host/api/v1})
 * @param tokenFile    a token allowed to comment on pull requests and to write commit statuses (read at every call)
 * @param configRepo   the config repo on the forge ({@code owner/name}; GitLab: the project's path with its groups)
 * @param releasesRepo the release repo on the forge
 * @param allowForks   preview pull requests whose head is in another repo (a fork); default false:
 *                     a fork's content is then never fetched nor decrypted with the cluster's keys
 * @param retries      attempts after a failed API call (HTTP 429, 5xx, I/O); default 3
 * @param retryDelay   the wait before the first retry, doubled for each next (a longer Retry-After wins); default 2s
 */
public record PullRequestPreviews(Forge forge, String apiUrl, Path tokenFile, String configRepo, String releasesRepo,
                                  Boolean allowForks, Integer retries, Duration retryDelay) {
    public PullRequestPreviews {
        allowForks = Boolean.TRUE.equals(allowForks);
        retries = retries == null ? 3 : retries;
        retryDelay = retryDelay == null ? Duration.ofSeconds(2) : retryDelay;
        apiUrl = apiUrl == null ? (forge == null ? null : forge.defaultApiUrl()) : apiUrl.replaceAll("/+$", "");
    }

    /** The forges whose pull request APIs Kustos speaks. */
    public enum Forge {
        GITHUB("https://api.github.com"), GITLAB("https://gitlab.com/api/v4"), GITEA(null);

        private final String defaultApiUrl;

        Forge(String defaultApiUrl) {
            this.defaultApiUrl = defaultApiUrl;
        }

        /** Null when the forge has no public instance (Gitea: apiUrl is required). */
        public String defaultApiUrl() {
            return defaultApiUrl;
        }

        /** As written in kustos.yaml: {@code github}, {@code gitlab}, {@code gitea}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the forge written {@code word}, or null */
        public static Forge of(String word) {
            for (Forge f : values()) {
                if (f.word().equals(word)) {
                    return f;
                }
            }
            return null;
        }
    }
}
