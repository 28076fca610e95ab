package io.kustos.cluster;

import io.kustos.failure.FailureReason;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.kustos.failure.StallingException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Finds the kubeconfig and context of a {@link ClusterSelection} as kubectl does, but refuses
 * what fabric8 would silently paper over: a kubeconfig file that does not exist, a context the
 * kubeconfig does not have (fabric8 falls back to the current-context: a typo would reach
 * another cluster), and no kubeconfig at all (fabric8 tries {@code kubernetes.default.svc}).
 * Order: the selection's file, else {@code $KUBECONFIG}, else {@code ~/.kube/config}, else the
 * in-cluster service account.
 */
public final class KubeconfigResolver {
    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    private static final String VARIABLE = "$KUBECONFIG";

    private final UnaryOperator<String> env;
    private final Path home;
    private final Path serviceAccount;

    /** @param env environment variables by name; @param home the user's home; @param serviceAccount the in-cluster account's folder */
    public KubeconfigResolver(UnaryOperator<String> env, Path home, Path serviceAccount) {
        this.env = env;
        this.home = home;
        this.serviceAccount = serviceAccount;
    }

    /** This process's environment, home and service account. */
    public static KubeconfigResolver system() {
        return of(System::getenv);
    }

    /** With {@code env}'s $HOME as the user's home, as kubectl takes it (the JVM's user.home when HOME is unset). */
    static KubeconfigResolver of(UnaryOperator<String> env) {
        String home = env.apply("HOME");
        return new KubeconfigResolver(env, Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home), SERVICE_ACCOUNT);
    }

    /** The user's home this resolver looks in for .kube/config. */
    Path home() {
        return home;
    }

    /** Where the cluster of {@code selection} is, checked; a {@link StallingException} (exit 3) saying what to fix otherwise. */
    public Kubeconfig resolve(ClusterSelection selection) {
        if (selection.kubeconfig() != null) {
            return withContext(List.of(existing(selection.kubeconfig(), selection.kubeconfigFrom())), selection, true);
        }
        String variable = env.apply("KUBECONFIG");
        if (variable != null && !variable.isBlank()) {
            List<Path> files = Arrays.stream(variable.split(File.pathSeparator)).filter(s -> !s.isBlank())
                    .map(s -> existing(Path.of(s), VARIABLE)).toList();
            return withContext(files, selection, false);
        }
        Path userConfig = home.resolve(".kube").resolve("config");
        if (Files.isRegularFile(userConfig)) {
            // read from this file: fabric8 alone would look under user.home, not $HOME
            return withContext(List.of(userConfig), selection, true);
        }
        Path token = serviceAccount.resolve("token");
        if (Files.isRegularFile(token) && selection.context() == null) {
            return new Kubeconfig(List.of(), null, false);
        }
        throw new StallingException("no kubeconfig found" + (selection.context() == null ? ""
                : " for context \"" + selection.context() + "\" (" + selection.contextFrom() + ")")
                + ". Looked at: " + selection.kubeconfigFrom() + " (not given), $KUBECONFIG (not set), "
                + userConfig + " (does not exist), the in-cluster service account " + token
                + (Files.isRegularFile(token) ? " (has no contexts)" : " (does not exist: not in a pod)")
                + ". Name a kubeconfig file with --kubeconfig FILE or kubeconfig: of the target in kustos.yaml, or export KUBECONFIG=FILE.", FailureReason.INVALID_CONFIG);
    }

    private static Path existing(Path file, String from) {
        if (!Files.isRegularFile(file)) {
            throw new StallingException("kubeconfig " + file + " (" + from + ") does not exist"
                    + (Files.isDirectory(file) ? " as a file (it is a folder)" : "")
                    + ". Fix the path, or " + (from.equals(VARIABLE) ? "unset KUBECONFIG to use ~/.kube/config"
                    : "leave it out to use $KUBECONFIG or ~/.kube/config") + ".", FailureReason.INVALID_CONFIG);
        }
        return file;
    }

    private static Kubeconfig withContext(List<Path> files, ClusterSelection selection, boolean named) {
        Set<String> contexts = new LinkedHashSet<>();
        String current = null;
        for (Path file : files) {
            io.fabric8.kubernetes.api.model.Config parsed;
            try {
                parsed = KubeConfigUtils.parseConfigFromString(Files.readString(file));
            } catch (Exception e) {
                throw new StallingException("kubeconfig " + file + " cannot be read: " + e.getMessage()
                        + ". Fix the file (kubectl config view --kubeconfig " + file + " shows what kubectl makes of it).",
                        FailureReason.INVALID_CONFIG, null);
            }
            if (parsed.getContexts() != null) {
                parsed.getContexts().stream().map(NamedContext::getName).filter(Objects::nonNull).forEach(contexts::add);
            }
            if (current == null && parsed.getCurrentContext() != null && !parsed.getCurrentContext().isBlank()) {
                current = parsed.getCurrentContext();
            }
        }
        String where = files.size() == 1 ? "kubeconfig " + files.get(0) : "kubeconfigs " + files;
        String known = contexts.isEmpty() ? "it has no contexts" : "contexts there: " + String.join(", ", contexts);
        String context = selection.context();
        if (context != null && !contexts.contains(context)) {
            throw new StallingException("context \"" + context + "\" (" + selection.contextFrom() + ") does not exist in "
                    + where + "; " + known + ". Name one of those, or add the context to the kubeconfig (kubectl config set-context).", FailureReason.INVALID_CONFIG);
        }
        if (context == null && current == null) {
            throw new StallingException(where + " sets no current-context; " + known
                    + ". Name one with --context NAME or context: of the target in kustos.yaml (or kubectl config use-context NAME).", FailureReason.INVALID_CONFIG);
        }
        if (context == null && !contexts.contains(current)) {
            throw new StallingException("the current-context \"" + current + "\" of " + where + " does not exist; " + known
                    + ". Name one with --context NAME or context: of the target in kustos.yaml (or kubectl config use-context NAME).", FailureReason.INVALID_CONFIG);
        }
        return new Kubeconfig(files, context == null ? current : context, named);
    }

    /**
     * A checked choice of cluster.
     *
     * @param files   the kubeconfig files (merged as kubectl does when several); none: the in-cluster account
     * @param context the context to use; null with no files
     * @param named   one file to read as it is (--kubeconfig, kubeconfig: of a target, ~/.kube/config under $HOME),
     *                not left to fabric8 to find
     */
    public record Kubeconfig(List<Path> files, String context, boolean named) {
        public Kubeconfig {
            files = List.copyOf(files);
        }

        /** The fabric8 configuration of this choice. */
        public Config config() {
            if (named) {
                return Config.fromKubeconfig(context, files.get(0).toFile());
            }
            // $KUBECONFIG (several files merged), ~/.kube/config or in-cluster: fabric8 finds the same files, now checked
            return Config.autoConfigure(context);
        }

        @Override
        public String toString() {
            return files.isEmpty() ? "the in-cluster service account" : "context " + context + " of " + new ArrayList<>(files);
        }
    }
}
