package io.kustos.cli;

import io.kustos.cluster.embedded.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ClusterCommandIT {

    @TempDir
    Path dir;

    @Test
    void servesUntilStoppedAndWritesAKubeconfigKubectlUses() throws Exception {
        assumeTrue(Kubectl.available(), "kubectl is not on PATH");
        Path kubeconfig = dir.resolve("k.yaml");
        ClusterCommand command = new ClusterCommand();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(command).setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                cli.execute("--kubeconfig", kubeconfig.toString(), "--namespace", "staging", "--namespace", "prod"));

        await("the cluster to start").atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("export KUBECONFIG="));
        assertTrue(out.toString().contains("export KUBECONFIG=" + kubeconfig.toAbsolutePath()), out.toString());
        assertTrue(Files.readString(kubeconfig).contains("current-context: kustos-embedded"));

        String namespaces = new Kubectl(kubeconfig).run("get", "ns").ok().out();
        assertTrue(namespaces.contains("staging") && namespaces.contains("prod"), namespaces);

        command.stop();
        assertEquals(0, exit.get(20, TimeUnit.SECONDS));
    }

    @Test
    void helpDescribesTheOptions() {
        StringWriter out = new StringWriter();
        new CommandLine(new ClusterCommand()).setOut(new PrintWriter(out, true)).execute("--help");
        assertTrue(out.toString().contains("--port"));
        assertTrue(out.toString().contains("--kubeconfig"));
        assertTrue(out.toString().contains("--namespace"));
    }
}
