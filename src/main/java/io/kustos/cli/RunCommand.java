package io.kustos.cli;

import io.kustos.decrypt.Decryptor;
import io.kustos.reconcile.KustosException;
import io.kustos.reconcile.ReconcileLoop;
import io.kustos.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Reconcile at sync.interval until stopped (SIGINT/SIGTERM).",
                "Each poll asks the remotes for their branch heads and fetches only when one moved."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    AgentOptions options;

    @Override
    public Integer call() throws InterruptedException {
        try (var clients = options.clients()) {
            var cfg = options.load();
            var loop = new ReconcileLoop(cfg, new Renderer(io.kustos.decrypt.KeyRing.decryptor(cfg.decryption())), clients,
                    report -> new ReportPrinter(System.out).print(report));
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                loop.stop();
                main.interrupt();
            }));
            loop.run();
            return ExitCodes.OK;
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }
}
