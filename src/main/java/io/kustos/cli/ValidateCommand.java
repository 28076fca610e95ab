package io.kustos.cli;

import io.kustos.config.ConfigLoader;
import io.kustos.config.Decryption;
import io.kustos.config.KustosConfig;
import io.kustos.config.Target;
import io.kustos.decrypt.Decryptor;
import io.kustos.decrypt.KeyRing;
import io.kustos.decrypt.sops.SopsDecryptor;
import io.kustos.decrypt.sops.SopsStructureCheck;
import io.kustos.failure.KustosException;
import io.kustos.render.LocatedProblem;
import io.kustos.render.RepoCheck;
import io.kustos.render.RepoKind;
import io.kustos.source.RepoSnapshot;
import io.kustos.source.WorkTreeSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check working trees of the config and release repos offline, as render would (no cluster, no network).",
                "Each DIR (default: the current directory) is a config repo, a release repo or both, told apart by its layout "
                        + "(both when kustos.yaml's sources are one url and branch). "
                        + "Every problem is printed as path:line: key path: message, never with a secret value.",
                "With a kustos.yaml (-c, default: kustos.yaml), its targets give the environments, their namespaces and "
                        + "allowMutableTags; its git remotes are never contacted.",
                "Without keys, SOPS files are checked for their structure and MAC format; with keys (--key, SOPS_AGE_KEY_FILE "
                        + "or the decryption of the kustos.yaml -c names), they are decrypted in memory and their MACs verified.",
                "Exit 0: no problems; 2: bad command line; 3: a problem in a repo file, kustos.yaml or a key file."})
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..*", description = "A working tree of the config or release repo (default: .).")
    List<Path> dirs = new ArrayList<>();

    @Mixin
    KeyFileOptions keys;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "kustos.yaml",
            description = {"A kustos.yaml: its targets give the environments, their namespaces and allowMutableTags (default: "
                    + "${DEFAULT-VALUE}, when it exists); its git remotes are never contacted.",
                    "Its decryption keys are used only when -c names it (a CI job has the repos, not the keys)."})
    Path config;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", converter = ProblemFormat.Converter.class,
            description = ProblemFormat.DESCRIPTION)
    ProblemFormat output;

    private final Map<String, String> env;
    /** null: System.out at the time of the call. */
    private final PrintStream out;

    public ValidateCommand() {
        this(System.getenv(), null);
    }

    ValidateCommand(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    @Override
    public Integer call() {
        // keys come only from a kustos.yaml -c names: ./kustos.yaml gives the targets, never keys (a CI job runs without them)
        boolean configGiven = spec.commandLine().getParseResult().hasMatchedOption("--config");
        KustosConfig kustosYaml;
        Decryptor decryptor;
        var report = new ValidationReport();
        try {
            kustosYaml = config != null && Files.isRegularFile(config) ? ConfigLoader.load(config, env) : null;
            decryptor = decryptor(configGiven && kustosYaml != null ? kustosYaml.decryption() : Decryption.NONE, configGiven, report);
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
        var repos = read(dirs.isEmpty() ? List.of(Path.of(".")) : dirs);
        List<Target> targets = kustosYaml != null ? kustosYaml.targets() : defaultTargets(repos.values());
        var check = new RepoCheck(decryptor);
        // kustos.yaml's one repo for both is read as both by the daemon, whatever its layout shows (a missing release.yaml is a
        // problem); two DIRs cannot both be that one repo, so each is then checked by its layout
        boolean oneRepo = kustosYaml != null && kustosYaml.sources().oneRepo() && repos.size() == 1;
        repos.forEach((dir, repo) -> {
            if (repo.problem() != null) {
                report.add(dir, Set.of(), new LocatedProblem(dir.toString(), 0, "", repo.problem()));
                return;
            }
            Set<RepoKind> kinds = oneRepo ? EnumSet.allOf(RepoKind.class) : repo.kinds();
            for (RepoKind kind : kinds) {
                check.check(repo.snapshot(), kind, targets, kustosYaml != null)
                        .forEach(p -> report.add(dir, kinds, p.named(file -> dir.resolve(file).normalize().toString())));
            }
            report.add(dir, kinds);
        });
        PrintStream o = out != null ? out : System.out;
        o.print(output.write(report));
        o.flush();
        return report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    /**
     * SOPS files decrypted with the keys given (--key, SOPS_AGE_KEY_FILE, the decryption of the
     * kustos.yaml -c names), else checked for their structure only. An age key file that kustos.yaml
     * names and that cannot be read (a CI runner without it) is a problem of kustos.yaml at
     * {@code decryption.ageKeyFile}, reported as the repos' problems are; the files are then
     * checked for their structure.
     */
    private Decryptor decryptor(Decryption fromConfig, boolean configGiven, ValidationReport report) {
        var unreadable = fromConfig.ageKeyFileFromEnvironment() ? Optional.<String>empty() : KeyRing.ageKeyFileProblem(fromConfig);
        if (unreadable.isPresent()) {
            report.add(new LocatedProblem(config.toString(), 0, "decryption.ageKeyFile", unreadable.get()
                    + " Or, to check the SOPS files' structure only, run validate without -c and --key (a kustos.yaml in the"
                    + " current directory still gives the targets, never keys)"));
            return new SopsStructureCheck();
        }
        Path keysOf = configGiven ? config : null;
        return keys.anyKey(env, keysOf) ? new SopsDecryptor(keys.masterKeys(List.of(), env, keysOf)) : new SopsStructureCheck();
    }

    /** One DIR: its files and kinds, or why it cannot be read as a repo. */
    private record Repo(RepoSnapshot snapshot, Set<RepoKind> kinds, String problem) {
    }

    private static Map<Path, Repo> read(List<Path> dirs) {
        var out = new LinkedHashMap<Path, Repo>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                out.put(dir, new Repo(null, Set.of(), "is not a directory: give a working tree of the config or release repo"));
                continue;
            }
            try {
                var snapshot = WorkTreeSnapshot.read(dir);
                var kinds = RepoKind.of(snapshot);
                out.put(dir, kinds.isEmpty()
                        ? new Repo(snapshot, kinds, "is neither a config repo (environments/<env>/<service>/*.yaml, .sops.yaml)"
                                + " nor a release repo (environments/<env>/release.yaml)")
                        : new Repo(snapshot, kinds, null));
            } catch (UncheckedIOException e) {
                out.put(dir, new Repo(null, Set.of(), "cannot be read (" + e.getCause().getClass().getSimpleName() + ")"));
            }
        }
        return out;
    }

    /**
     * Without a kustos.yaml: one target per environment any DIR has a folder for, its namespace
     * named after it, mutable tags refused (as kustos.yaml's default).
     */
    private static List<Target> defaultTargets(Iterable<Repo> repos) {
        var environments = new TreeSet<String>();
        for (Repo r : repos) {
            if (r.problem() == null) {
                r.kinds().forEach(k -> environments.addAll(k.environments(r.snapshot())));
            }
        }
        return environments.stream().map(e -> new Target(e, e, List.of(), null, null, false)).toList();
    }
}
