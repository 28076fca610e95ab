package io.kustos.bench;

/**
 * One step of the soak: what was pushed, and what the daemon must make of it.
 *
 * @param config   the config repo's head after the step (the branch as the daemon must keep following it)
 * @param releases the release repo's head after the step
 * @param env      the environment a bad commit breaks (null for other kinds)
 * @param held     for a bad commit: a value it also sets, which must not reach the cluster until the fix
 */
record SoakStep(int index, Kind kind, String description, String config, String releases, String env, HeldValue held) {
    enum Kind {
        CONFIG_CHANGE("config change", "config changes"), SECRET_CHANGE("Secret change", "Secret changes"),
        IMAGE_BUMP("image bump", "image bumps"), REVERT("revert", "reverts"), BAD_COMMIT("bad commit", "bad commits"),
        FIX("fix", "fixes"), FORCE_PUSH("force push", "force pushes"), RESTORE("restore", "restores");

        private final String one;
        private final String many;

        Kind(String one, String many) {
            this.one = one;
            this.many = many;
        }

        /** {@code n} steps of this kind in words: "1 revert", "9 config changes". */
        String counted(int n) {
            return n + " " + (n == 1 ? one : many);
        }

        /** What the daemon must do with the head after a step of this kind. */
        Expect expect() {
            return switch (this) {
                case BAD_COMMIT -> Expect.ENVIRONMENT_REFUSED;
                case FORCE_PUSH -> Expect.SOURCE_REFUSED;
                case RESTORE -> Expect.SOURCE_OK;
                default -> Expect.APPLIED;
            };
        }
    }

    enum Expect {
        /** Every environment at the new heads, each ok. */
        APPLIED,
        /** Every environment at the new heads; the broken one failed and keeps its last good state, the others ok. */
        ENVIRONMENT_REFUSED,
        /** The poll fails with the force-push refusal; no environment moves. */
        SOURCE_REFUSED,
        /** The poll succeeds again; no environment moves (the head is the one applied before the rewrite). */
        SOURCE_OK
    }

    /** A ConfigMap value a bad commit sets in its environment: the cluster must not show it while the commit is refused. */
    record HeldValue(String configMap, String key, String value) {
    }

    String revisions() {
        return "config " + config.substring(0, 10) + ", releases " + releases.substring(0, 10);
    }
}
