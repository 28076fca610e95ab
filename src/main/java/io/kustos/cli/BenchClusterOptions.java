package io.kustos.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The options {@code kustos bench run} and {@code kustos bench soak} share: which clusters, the real one's kubeconfig, --keep. */
final class BenchClusterOptions {
    @Option(names = "--cluster", paramLabel = "LIST", split = ",",
            description = "Run on these clusters: embedded, realkube, or both, comma-separated (default: both for `bench run`, embedded for `bench soak`).")
    List<String> clusters;

    @Option(names = "--realkube-kubeconfig", paramLabel = "FILE",
            description = "Reach the real API server with this admin kubeconfig (default: $KUSTOS_REALKUBE_KUBECONFIG, as .ci/run sets it).")
    Path realkube;

    @Option(names = "--keep", description = "Keep the generated repos and every process's log, and print their directory.")
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
