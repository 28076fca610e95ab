package io.kustos.render;

import io.kustos.config.Target;
import io.kustos.decrypt.DecryptionException;
import io.kustos.decrypt.Decryptor;
import io.kustos.decrypt.sops.CreationRules;
import io.kustos.decrypt.sops.SopsException;
import io.kustos.source.RepoFile;
import io.kustos.source.RepoSnapshot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Turns one commit of each repo into the desired state of one target. Pure: it reads only the
 * snapshots it is given and writes nothing. Every problem in the input is collected and thrown
 * together as a {@link RenderException}.
 */
public final class Renderer {
    private static final Pattern SOPS_KEY = Pattern.compile("(?m)^sops:|\"sops\"\\s*:");

    private final Decryptor decryptor;
    /** The files each environment's last render read, or null: every render reads every file. */
    private final ParsedFiles parsed;
    /** Each environment's last digest and what it was taken over (kept with {@code parsed} only). */
    private final Map<String, Digested> digests = new ConcurrentHashMap<>();
    private final AtomicLong configsHashed = new AtomicLong();

    /** A digest and its inputs: the configs as rendered (the very objects {@code parsed} returns for unchanged files). */
    private record Digested(Target target, List<DesiredConfig> configs, ReleaseManifestReader.Release release, String digest,
                            Map<DesiredConfig, byte[]> hashes) {
        boolean over(Target t, List<DesiredConfig> c, ReleaseManifestReader.Release r) {
            if (!target.equals(t) || configs.size() != c.size() || !release.equals(r)) {
                return false;
            }
            for (int i = 0; i < c.size(); i++) {
                if (configs.get(i) != c.get(i)) { // the same object: read from the same kept file
                    return false;
                }
            }
            return true;
        }
    }

    public Renderer(Decryptor decryptor) {
        this(decryptor, false);
    }

    /**
     * @param keepFiles remember each environment's files by blob id, so a render reads only the files that changed
     *                  since that environment's last render (the daemon, which renders one commit after another)
     */
    public Renderer(Decryptor decryptor, boolean keepFiles) {
        this.decryptor = decryptor;
        this.parsed = keepFiles ? new ParsedFiles() : null;
    }

    public DesiredState render(RepoSnapshot config, RepoSnapshot releases, Target target) {
        List<RenderProblem> problems = Problems.list();
        var configs = readConfigs(config, target, problems);
        var release = readRelease(releases, target, problems);
        if (!problems.isEmpty()) {
            throw new RenderException(problems);
        }
        var revisions = SourceRevisions.of(config, releases);
        return new DesiredState(target.environment(), target.namespace(), revisions, configs,
                release.workloads(), release.hooks(), digestOf(target, configs, release));
    }

    /**
     * The digest of what {@code target} renders: the last one when every config is the object the last render of the
     * environment kept (its file unchanged) and the release is equal, so a one-file commit hashes no other environment's
     * objects again; else computed anew.
     */
    private String digestOf(Target target, List<DesiredConfig> configs, ReleaseManifestReader.Release release) {
        if (parsed == null) {
            return digest(target, configs, release, new IdentityHashMap<>(), Map.of());
        }
        Digested last = digests.get(target.environment());
        if (last != null && last.over(target, configs, release)) {
            return last.digest();
        }
        // each config kept from the last render (the same object: its file unchanged) keeps its hash: only the changed are hashed
        var hashes = new IdentityHashMap<DesiredConfig, byte[]>();
        String digest = digest(target, configs, release, hashes, last == null ? Map.of() : last.hashes());
        digests.put(target.environment(), new Digested(target, configs, release, digest, hashes));
        return digest;
    }

    /** Configs hashed for a digest since this renderer was made (a one-file commit hashes that file's configs only). */
    long configsHashed() {
        return configsHashed.get();
    }

    /**
     * Only the ConfigMaps and Secrets of {@code target} at one commit of the config repo (for blame
     * and audits, which need no release repo), sorted by object.
     *
     * @throws RenderException with every problem found in the environment's files
     */
    public List<DesiredConfig> renderConfigs(RepoSnapshot config, Target target) {
        List<RenderProblem> problems = Problems.list();
        var configs = readConfigs(config, target, problems);
        if (!problems.isEmpty()) {
            throw new RenderException(problems);
        }
        return configs;
    }

    /** Every problem of {@code target}'s files in the config repo, as render finds them ({@code kustos validate}). */
    public List<RenderProblem> configProblems(RepoSnapshot config, Target target) {
        List<RenderProblem> problems = Problems.list();
        readConfigs(config, target, problems);
        return problems;
    }

    /** Every problem of {@code target}'s release manifest, as render finds them ({@code kustos validate}). */
    public List<RenderProblem> releaseProblems(RepoSnapshot releases, Target target) {
        List<RenderProblem> problems = Problems.list();
        readRelease(releases, target, problems);
        return problems;
    }

    private List<DesiredConfig> readConfigs(RepoSnapshot repo, Target target, List<RenderProblem> problems) {
        String prefix = "environments/" + target.environment() + "/";
        if (linkedFolder(repo, target, "config:", problems)) {
            return List.of();
        }
        var files = repo.files(prefix);
        if (files.isEmpty()) {
            problems.add(new RenderProblem("config:" + prefix, "the config repo has no folder for environment "
                    + target.environment()));
            return List.of();
        }
        var reader = new ConfigManifestReader(target);
        var required = requiredEncryption(repo, problems);
        RepoFile rules = repo.files(CreationRules.FILE_NAME).get(CreationRules.FILE_NAME);
        var kept = parsed == null ? null : parsed.open(target, rules == null ? "" : String.valueOf(rules.blobId()));
        var out = new ArrayList<ConfigManifestReader.Read>();
        for (RepoFile f : files.values()) {
            var odd = CanonicalPath.problem(f.path());
            if (odd.isPresent()) {
                new Problems(problems, "config:" + io.kustos.text.ControlCharacters.escape(f.path())).add("", odd.get());
                continue;
            }
            if (f.type() != RepoFile.Type.REGULAR) { // a link or submodule, whatever its name: it may stand for a folder
                readable(f, new Problems(problems, "config:" + f.path()));
                continue;
            }
            String name = f.path().substring(f.path().lastIndexOf('/') + 1);
            if (!(name.endsWith(".yaml") || name.endsWith(".yml")) || name.startsWith(".")) {
                continue;
            }
            if (f.path().equals(prefix + "release.yaml")) {
                continue; // the release manifest, read as the release repo's: one repo for both keeps it beside the service folders
            }
            var p = new Problems(problems, "config:" + f.path());
            if (f.path().indexOf('/', prefix.length()) < 0) {
                p.add("", "put config files in a service folder or common/ (environments/"
                        + target.environment() + "/<service>/" + name + ")");
                continue;
            }
            out.addAll(read(f, p, reader, required, kept));
        }
        if (kept != null) {
            kept.close();
        }
        checkDuplicates(out, problems);
        return out.stream().map(ConfigManifestReader.Read::config).sorted(Comparator.comparing(DesiredConfig::key)).toList();
    }

    /** The objects of one config file: as {@code kept} remembers them when its bytes are unchanged, else read (and kept if clean). */
    private List<ConfigManifestReader.Read> read(RepoFile f, Problems p, ConfigManifestReader reader, RequiredEncryption required,
                                                 ParsedFiles.Session kept) {
        var known = kept == null ? null : kept.get(f.path(), f.blobId());
        if (known != null) {
            return known;
        }
        byte[] content = readable(f, p);
        if (content == null) {
            return List.of();
        }
        int before = p.count();
        var reads = reader.read(parse(f.path(), content, p, required), p);
        if (kept != null && p.count() == before) {
            kept.put(f.path(), f.blobId(), reads);
        }
        return reads;
    }

    private ReleaseManifestReader.Release readRelease(RepoSnapshot repo, Target target, List<RenderProblem> problems) {
        String path = "environments/" + target.environment() + "/release.yaml";
        if (linkedFolder(repo, target, "releases:", problems)) {
            return new ReleaseManifestReader.Release(List.of(), List.of());
        }
        var p = new Problems(problems, "releases:" + path);
        RepoFile f = repo.files(path).get(path);
        if (f == null) {
            p.add("", "the release repo has no release manifest for environment " + target.environment() + ": add " + path
                    + " (apiVersion: kustos.io/v1, kind: Release, environment: " + target.environment() + ", its workloads; workloads: [] for none)");
            return new ReleaseManifestReader.Release(List.of(), List.of());
        }
        byte[] content = readable(f, p);
        if (content == null) {
            return new ReleaseManifestReader.Release(List.of(), List.of());
        }
        int before = problems.size();
        var docs = parse(path, content, p, RequiredEncryption.NONE);
        if (problems.size() > before) { // the file's own problem (not YAML, an alias): nothing to add about its shape
            return new ReleaseManifestReader.Release(List.of(), List.of());
        }
        return new ReleaseManifestReader(target).read(docs, p);
    }

    /** What the config repo's root .sops.yaml requires, if it has one. */
    private static RequiredEncryption requiredEncryption(RepoSnapshot repo, List<RenderProblem> problems) {
        RepoFile f = repo.files(CreationRules.FILE_NAME).get(CreationRules.FILE_NAME);
        if (f == null) {
            return RequiredEncryption.NONE;
        }
        var p = new Problems(problems, RequiredEncryption.FILE);
        byte[] content = readable(f, p);
        return RequiredEncryption.of(content == null ? new byte[0] : content, p);
    }

    /**
     * Whether the repo's {@code environments} folder or the environment's folder {@code environments/<env>}
     * is a symbolic link or submodule (never followed), which is then {@code problems}' problem.
     */
    private static boolean linkedFolder(RepoSnapshot repo, Target target, String repoPrefix, List<RenderProblem> problems) {
        return linked(repo, RepoKind.ENVIRONMENTS, repoPrefix, problems)
                || linked(repo, RepoKind.ENVIRONMENTS + "/" + target.environment(), repoPrefix, problems);
    }

    /**
     * The problem of a repo of {@code kind} whose {@code environments} folder is a symbolic link or submodule (never
     * followed), whatever environments are checked ({@code kustos validate} without a kustos.yaml finds none there).
     */
    public List<RenderProblem> environmentsFolderProblems(RepoSnapshot repo, RepoKind kind) {
        List<RenderProblem> problems = Problems.list();
        linked(repo, RepoKind.ENVIRONMENTS, kind.word() + ":", problems);
        return problems;
    }

    /** Whether {@code folder} is a symbolic link or submodule (never followed), which is then {@code problems}' problem. */
    private static boolean linked(RepoSnapshot repo, String folder, String repoPrefix, List<RenderProblem> problems) {
        RepoFile f = repo.files(folder).get(folder);
        if (f == null || f.type() == RepoFile.Type.REGULAR) {
            return false;
        }
        readable(f, new Problems(problems, repoPrefix + folder));
        return true;
    }

    /** The file's bytes if Kustos may read it: a regular file within the size limit. */
    private static byte[] readable(RepoFile f, Problems p) {
        switch (f.type()) {
            case SYMLINK -> p.add("", "is a symbolic link; Kustos reads only regular files and folders and never follows a link:"
                    + " put the files themselves there (a copy) or remove the link");
            case SUBMODULE -> p.add("", "is a git submodule; Kustos reads only regular files");
            case REGULAR -> {
                if (f.content() == null) {
                    p.add("", io.kustos.text.InputTooLargeException.overLimit(f.size(), RepoSnapshot.MAX_FILE_BYTES));
                }
            }
        }
        return f.readable() ? f.content() : null;
    }

    /** The documents of the file at {@code path}, decrypted if it is a SOPS file, else checked against {@code required}. */
    private List<YamlDocuments.Document> parse(String path, byte[] content, Problems p, RequiredEncryption required) {
        try {
            List<YamlDocuments.Document> docs = YamlDocuments.read(content);
            if (docs.stream().anyMatch(d -> d.node().has("sops"))
                    && SOPS_KEY.matcher(new String(content, StandardCharsets.UTF_8)).find()) {
                return YamlDocuments.read(decryptor.decrypt(p.file(), content));
            }
            required.checkPlaintext(path, docs, p);
            return docs;
        } catch (YamlDocuments.MalformedYamlException e) {
            p.addAtLine(e.line(), e.at(), e.getMessage());
        } catch (IllegalArgumentException e) {
            p.add("", e.getMessage());
        } catch (SopsException e) {
            p.add(KeyPath.of(e), e.detail());
        } catch (DecryptionException e) {
            p.add(KeyPath.FILE, e.getMessage().startsWith(p.file()) ? e.getMessage().substring(p.file().length() + 2) : e.getMessage());
        }
        return List.of();
    }

    /**
     * An object defined twice is a problem of each of its two files, at its {@code metadata.name},
     * naming the other: a forge then shows it on the file a change adds, whichever sorts first.
     */
    private static void checkDuplicates(List<ConfigManifestReader.Read> configs, List<RenderProblem> problems) {
        Map<ObjectKey, ConfigManifestReader.Read> first = new HashMap<>();
        for (var read : configs) {
            var prev = first.putIfAbsent(read.config().key(), read);
            if (prev != null) {
                problems.add(alsoDefined(read, prev));
                problems.add(alsoDefined(prev, read));
            }
        }
    }

    /** The problem of {@code here}'s definition of an object {@code other} defines too. */
    private static RenderProblem alsoDefined(ConfigManifestReader.Read here, ConfigManifestReader.Read other) {
        DesiredConfig c = here.config();
        return new RenderProblem(c.file(), here.name(), 0, c.key().kind() + " " + c.key().namespace() + "/"
                + c.key().name() + " is also defined in", new RenderProblem.Place(other.config().file(), other.name()));
    }

    /**
     * The digest: over the target, each config's own hash (taken from {@code known}, by identity, when there; put in
     * {@code hashes}), and the release.
     */
    private String digest(Target target, List<DesiredConfig> configs, ReleaseManifestReader.Release release,
                          Map<DesiredConfig, byte[]> hashes, Map<DesiredConfig, byte[]> known) {
        var h = new CanonicalHasher().string(target.environment()).string(target.namespace()).number(configs.size());
        for (DesiredConfig c : configs) {
            byte[] one = known.get(c);
            if (one == null) {
                one = new CanonicalHasher().string(c.key().toString()).string(c.type()).strings(c.labels()).strings(c.annotations())
                        .values(c.entries()).sum();
                configsHashed.incrementAndGet();
            }
            hashes.put(c, one);
            h.bytes(one);
        }
        h.number(release.workloads().size());
        for (DesiredWorkload w : release.workloads()) {
            h.string(w.key().toString()).strings(w.images());
        }
        h.number(release.hooks().size());
        for (PreDeployHook k : release.hooks()) {
            h.string(k.name()).string(k.workload()).number(k.command().size());
            k.command().forEach(h::string);
            h.number(k.timeout().toMillis());
        }
        return h.finish();
    }
}
