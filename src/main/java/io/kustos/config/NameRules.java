package io.kustos.config;

import org.eclipse.jgit.lib.Repository;

import java.util.regex.Pattern;

/** Which names Kubernetes and git accept. */
public final class NameRules {
    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private NameRules() {
    }

    /** A DNS-1123 label: namespaces, environment names (lowercase letters, digits, '-', at most 63). */
    public static boolean isDns1123Label(String name) {
        return name.length() <= 63 && DNS1123_LABEL.matcher(name).matches();
    }

    /** A branch name git would accept ({@code git check-ref-format --branch}). */
    public static boolean isBranchName(String name) {
        return !name.startsWith("-") && Repository.isValidRefName("refs/heads/" + name);
    }
}
