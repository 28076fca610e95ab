package io.kustos.render;

import io.kustos.decrypt.sops.CreationRules;
import io.kustos.source.RepoFile;
import io.kustos.source.RepoSnapshot;

import java.util.EnumSet;
import java.util.List;
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

    /** The folder of the environments' folders. */
    static final String ENVIRONMENTS = "environments";
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

    /**
     * The kinds {@code repo}'s layout shows: none, one, or both for a repo that holds both. A repo
     * whose environments are only links (its {@code environments} folder, or every folder in it) is
     * read as a config repo, as one with only a {@code .sops.yaml}: its links cannot tell its kind,
     * and render refuses each of them by name.
     */
    public static Set<RepoKind> of(RepoSnapshot repo) {
        Set<RepoKind> kinds = EnumSet.noneOf(RepoKind.class);
        for (RepoKind kind : values()) {
            if (!kind.environmentsWithFiles(repo).isEmpty()) {
                kinds.add(kind);
            }
        }
        if (kinds.isEmpty() && (repo.files(CreationRules.FILE_NAME).containsKey(CreationRules.FILE_NAME) || !links(repo).isEmpty())) {
            kinds.add(CONFIG);  // a config repo with no environment yet, or only links for environments
        }
        return kinds;
    }

    /**
     * The environments {@code repo} has files of this kind for: {@code release.yaml} for a release
     * repo, any other YAML file under {@code environments/<env>/} for a config repo; and, if it is a
     * repo of this kind, those whose folder is a symbolic link (which render refuses).
     */
    public SortedSet<String> environments(RepoSnapshot repo) {
        var out = environmentsWithFiles(repo);
        if (of(repo).contains(this)) { // an environment's folder that is a link: render refuses it, so it is checked too
            links(repo).stream().map(ENVIRONMENT_ENTRY::matcher).filter(Matcher::matches).forEach(m -> out.add(m.group(1)));
        }
        return out;
    }

    private SortedSet<String> environmentsWithFiles(RepoSnapshot repo) {
        var out = new TreeSet<String>();
        for (String path : repo.files(ENVIRONMENTS + "/").keySet()) {
            Matcher m = ENVIRONMENT_FILE.matcher(path);
            if (m.matches() && kindOf(m.group(2)) == this) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The paths of {@code environments} and of the environments' folders that are links or submodules (never followed). */
    private static List<String> links(RepoSnapshot repo) {
        return repo.files(ENVIRONMENTS).values().stream()
                .filter(f -> f.type() != RepoFile.Type.REGULAR)
                .map(RepoFile::path)
                .filter(path -> path.equals(ENVIRONMENTS) || ENVIRONMENT_ENTRY.matcher(path).matches())
                .toList();
    }

    /** The kind a file at {@code rest} under an environment's folder belongs to; null for neither. */
    private static RepoKind kindOf(String rest) {
        if (rest.equals(RELEASE)) {
            return RELEASES;
        }
        return rest.endsWith(".yaml") || rest.endsWith(".yml") ? CONFIG : null;
    }
}
