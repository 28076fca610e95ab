package io.kustos.cli;

import io.kustos.cluster.embedded.EmbeddedCluster;
import io.kustos.failure.KustosException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show Kustos at work on an embedded cluster; it needs nothing but Java.",
                "The example repos become git repos in a temporary folder (deleted at the end unless --keep), "
                        + "an embedded Kubernetes API server starts with the example workloads, and Kustos applies them, "
                        + "then a config change, a version bump, and a bad version that it rolls back."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--keep", description = "Leave the embedded cluster running after the demo (Ctrl-C stops it) and print its kubeconfig.")
    boolean keep;

    @Option(names = "--port", defaultValue = "0", description = "Port of the embedded API server (default: any free port).")
    int port;

    @Override
    public Integer call() throws Exception {
        // the story prints what matters; routine log lines would only interleave with it
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.kustos")).setLevel(ch.qos.logback.classic.Level.ERROR);
        Path work = Files.createTempDirectory("kustos-demo-");
        System.out.println("Kustos demo (working folder " + work + (keep ? "" : ", deleted at the end") + ")");
        EmbeddedCluster started;
        try {
            started = EmbeddedCluster.start(port);
        } catch (io.kustos.failure.TransientException e) {
            System.err.println(ClusterCommand.PORT_OPTION.error(e));
            deleteUnlessKept(work);
            return ExitCodes.UNAVAILABLE;
        }
        try (var cluster = started) {
            boolean ok = new DemoStory(System.out, work, cluster).run();
            System.out.println();
            System.out.println(ok ? "Demo finished: every step applied as shown." : "Demo FAILED: see the errors above.");
            if (keep) {
                Path kubeconfig = work.resolve("kubeconfig");
                System.out.println();
                System.out.println("The cluster stays up until Ctrl-C. Try:");
                System.out.println("  export KUBECONFIG=" + kubeconfig);
                System.out.println("  kubectl get configmaps,secrets,deployments -n staging");
                System.out.println("  kubectl get configmap tungsten-config -n staging -o yaml");
                var done = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(done::countDown));
                done.await();
            }
            return ok ? ExitCodes.OK : ExitCodes.INVALID;
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        } finally {
            deleteUnlessKept(work);
        }
    }

    private void deleteUnlessKept(Path work) throws java.io.IOException {
        if (!keep) {
            // the repos, the cache and the kubeconfig: nothing of the demo stays behind
            org.eclipse.jgit.util.FileUtils.delete(work.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE | org.eclipse.jgit.util.FileUtils.RETRY);
        }
    }
}
