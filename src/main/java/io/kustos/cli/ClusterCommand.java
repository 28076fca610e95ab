package io.kustos.cli;

import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.failure.TransientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code kustos cluster}: serves the embedded Kubernetes API server until interrupted, and writes a
 * kubeconfig for it that kubectl and Kustos both accept.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Run an embedded, simulated Kubernetes API server on 127.0.0.1 for demos and tests.",
                "It keeps objects in memory and simulates Deployment and Job controllers; it is not a real cluster.",
                "Stop it with Ctrl-C.",
                "Exit 0: stopped; 2: bad command line; 5: cannot listen on the port."})
public final class ClusterCommand implements Callable<Integer> {
    /** How a taken port is reported, by this command and by kustos demo. */
    static final PortOption PORT_OPTION = new PortOption("--port");

    @Option(names = "--port", defaultValue = "0", paramLabel = "N",
            description = "Port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--kubeconfig", defaultValue = "kustos-embedded.kubeconfig", paramLabel = "FILE",
            description = "Where to write the kubeconfig (default: ${DEFAULT-VALUE}).")
    Path kubeconfig;

    @Option(names = "--namespace", paramLabel = "NAME",
            description = "A namespace to create at start; repeat for more.")
    List<String> namespaces = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EmbeddedCluster cluster;
        try {
            cluster = EmbeddedCluster.start(port);
        } catch (TransientException e) {
            err.println(PORT_OPTION.error(e));
            return ExitCodes.UNAVAILABLE;
        } catch (RuntimeException e) {
            err.println("error: cannot start on 127.0.0.1:" + port + ": " + e.getMessage());
            return ExitCodes.UNAVAILABLE;
        }
        Thread hook = new Thread(this::stopAndWait, "kustos-cluster-shutdown");
        try {
            namespaces.forEach(cluster::createNamespace);
            cluster.writeKubeconfig(kubeconfig);
            out.println("Embedded Kubernetes API server (simulated) listening on " + cluster.url());
            out.println("Kubeconfig written to " + kubeconfig.toAbsolutePath() + " (context kustos-embedded)");
            out.println("export KUBECONFIG=" + kubeconfig.toAbsolutePath());
            out.println("Press Ctrl-C to stop.");
            out.flush();
            Runtime.getRuntime().addShutdownHook(hook);
            stopRequested.await();
        } finally {
            cluster.close();
            stopped.countDown();
        }
        removeHook(hook);
        return 0;
    }

    /** Asks a running command to stop (what SIGINT and SIGTERM do). */
    public void stop() {
        stopRequested.countDown();
    }

    private void stopAndWait() {
        stop();
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is already shutting down, or the hook never got registered
        }
    }
}
