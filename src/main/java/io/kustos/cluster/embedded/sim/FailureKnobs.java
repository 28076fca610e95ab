package io.kustos.cluster.embedded.sim;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a user makes a simulated workload fail on purpose.
 *
 * <ul>
 *   <li>Pod template annotation {@code kustos.io/simulate: fail} — any workload or Job fails.</li>
 *   <li>A container image whose tag contains {@code crashloop} — the rollout never becomes ready.</li>
 *   <li>A Job container whose command or args contain the word {@code fail-on-purpose}.</li>
 *   <li>A Job container whose command or args contain the word {@code fail-first-try} — the first
 *       Job of that name fails, a Job of that name made again succeeds (a transient failure).</li>
 * </ul>
 */
public final class FailureKnobs {

    public static final String ANNOTATION = "kustos.io/simulate";
    public static final String FAIL = "fail";
    public static final String CRASHLOOP_TAG = "crashloop";
    public static final String FAIL_WORD = "fail-on-purpose";
    public static final String FAIL_FIRST_TRY_WORD = "fail-first-try";

    private FailureKnobs() {
    }

    /** Whether pods from this template would never become ready. */
    public static boolean rolloutFails(JsonNode template) {
        if (FAIL.equals(template.path("metadata").path("annotations").path(ANNOTATION).asText())) {
            return true;
        }
        for (JsonNode c : template.path("spec").path("containers")) {
            String image = c.path("image").asText("");
            int slash = image.lastIndexOf('/');
            int colon = image.indexOf(':', slash + 1);
            if (colon >= 0 && image.substring(colon + 1).contains(CRASHLOOP_TAG)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a Job with this pod template fails. */
    public static boolean jobFails(JsonNode template) {
        return rolloutFails(template) || says(template, FAIL_WORD);
    }

    /** Whether a Job with this pod template fails the first time a Job of its name runs. */
    public static boolean jobFailsFirstTry(JsonNode template) {
        return says(template, FAIL_FIRST_TRY_WORD);
    }

    private static boolean says(JsonNode template, String knob) {
        for (JsonNode c : template.path("spec").path("containers")) {
            for (String list : new String[] {"command", "args"}) {
                for (JsonNode word : c.path(list)) {
                    if (word.asText("").contains(knob)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
