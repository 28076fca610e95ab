package io.kustos.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The options {@code kustos bench run} and {@code kustos bench soak} share: which clusters, the real one's kubeconfig, --keep. */
final class BenchClusterOptions {
    @Option(names = "--cluster", split = ",", description = "embedded, realkube, or both (default: both for `bench run`, embedded for `bench soak`).")
    List<String> clusters;

    @Option(names = "--realkube-kubeconfig", paramLabel = "FILE",
            description = "Admin kubeconfig of the real API server (default: $KUSTOS_REALKUBE_KUBECONFIG, as .ci/run sets it).")
    Path realkube;

    @Option(names = "--keep", description = "Keep the generated repos and every process's log (their directory is printed).")
    boolean keep;

    /** The clusters asked for, or {@code byDefault}. */
    List<String> clusters(List<String> byDefault) {
        return clusters == null ? byDefault : clusters;
    }

    /** --realkube-kubeconfig, else $KUSTOS_REALKUBE_KUBECONFIG, else null (the real cluster is not measured). */
    Path kubeconfig() {
        if (realkube != null) {
            return realkube;
        }
        String fromEnvironment = System.getenv("KUSTOS_REALKUBE_KUBECONFIG");
        return fromEnvironment == null ? null : Path.of(fromEnvironment);
    }
}
