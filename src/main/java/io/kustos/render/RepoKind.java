package io.kustos.render;

import io.kustos.decrypt.sops.CreationRules;
import io.kustos.source.RepoFile;
import io.kustos.source.RepoSnapshot;

import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two kinds of repo Kustos reads, told apart by their layout: a release repo has
 * {@code environments/<env>/release.yaml}; a config repo has other YAML files under
 * {@code environments/<env>/}, or only a {@code .sops.yaml} at its root.
 */
public enum RepoKind {
    CONFIG("config", "config repo"), RELEASES("releases", "release repo");

    private static final Pattern ENVIRONMENT_FILE = Pattern.compile("environments/([^/]+)/(.+)");
    private static final Pattern ENVIRONMENT_ENTRY = Pattern.compile("environments/([^/]+)");
    private static final String RELEASE = "release.yaml";

    private final String word;
    private final String noun;

    RepoKind(String word, String noun) {
        this.word = word;
        this.noun = noun;
    }

    /** {@code config repo} or {@code release repo}, for people. */
    public String noun() {
        return noun;
    }

    /** {@code config} or {@code releases}, as render prefixes the files of each. */
    public String word() {
        return word;
    }

    /**
     * The repo path of a file as render names it ({@code config:environments/staging/app/x.yaml} is
     * {@code environments/staging/app/x.yaml} of the config repo); null for a file of the other kind.
     */
    public String pathOf(String renderFile) {
        String prefix = word + ":";
        return renderFile.startsWith(prefix) ? renderFile.substring(prefix.length()) : null;
    }

    /** The kinds {@code repo}'s layout shows: none, one, or both for a repo that holds both. */
    public static Set<RepoKind> of(RepoSnapshot repo) {
        Set<RepoKind> kinds = EnumSet.noneOf(RepoKind.class);
        for (RepoKind kind : values()) {
            if (!kind.environments(repo).isEmpty()) {
                kinds.add(kind);
            }
        }
        if (kinds.isEmpty() && repo.files(CreationRules.FILE_NAME).containsKey(CreationRules.FILE_NAME)) {
            kinds.add(CONFIG);  // a config repo with no environment yet
        }
        return kinds;
    }

    /**
     * The environments {@code repo} has files of this kind for: {@code release.yaml} for a release
     * repo, any other YAML file under {@code environments/<env>/} for a config repo; and, if it has
     * any, those whose folder is a symbolic link (which render refuses).
     */
    public SortedSet<String> environments(RepoSnapshot repo) {
        var out = new TreeSet<String>();
        for (String path : repo.files("environments/").keySet()) {
            Matcher m = ENVIRONMENT_FILE.matcher(path);
            if (m.matches() && kindOf(m.group(2)) == this) {
                out.add(m.group(1));
            }
        }
        if (!out.isEmpty()) { // an environment's folder that is a link: render refuses it, so it is checked too
            repo.files("environments/").values().stream()
                    .filter(f -> f.type() != RepoFile.Type.REGULAR)
                    .map(f -> ENVIRONMENT_ENTRY.matcher(f.path()))
                    .filter(Matcher::matches)
                    .forEach(m -> out.add(m.group(1)));
        }
        return out;
    }

    /** The kind a file at {@code rest} under an environment's folder belongs to; null for neither. */
    private static RepoKind kindOf(String rest) {
        if (rest.equals(RELEASE)) {
            return RELEASES;
        }
        return rest.endsWith(".yaml") || rest.endsWith(".yml") ? CONFIG : null;
    }
}
