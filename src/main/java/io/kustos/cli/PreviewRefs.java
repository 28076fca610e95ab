package io.kustos.cli;

import io.kustos.config.Sources;
import io.kustos.failure.FailureReason;
import io.kustos.failure.StallingException;
import io.kustos.source.PreviewRef;

/**
 * The revisions {@code kustos preview} shows of each repo ({@code --config-ref}, {@code --releases-ref};
 * null: the configured branch). With one repo for both ({@link Sources#oneRepo}) one ref names both
 * sides, as a pull request's head does in the daemon: either option alone previews it as both, and two
 * that differ are refused (exit 3), since one revision of the repo cannot be two.
 */
record PreviewRefs(PreviewRef config, PreviewRef releases) {

    /** @param file the kustos.yaml that names {@code sources}, for the error */
    static PreviewRefs of(Sources sources, String file, PreviewRef configRef, PreviewRef releasesRef) {
        if (!sources.oneRepo() || configRef == null && releasesRef == null) {
            return new PreviewRefs(configRef, releasesRef);
        }
        if (configRef != null && releasesRef != null && !configRef.text().equals(releasesRef.text())) {
            throw new StallingException("--config-ref " + configRef.text() + " and --releases-ref " + releasesRef.text() + " differ, but "
                    + file + " follows one repo for both (sources.config and sources.releases have the same url and branch): one ref "
                    + "names both sides, give it once (--config-ref " + configRef.text() + ")", FailureReason.INVALID_CONFIG);
        }
        PreviewRef one = configRef != null ? configRef : releasesRef;
        return new PreviewRefs(one, one);
    }
}
