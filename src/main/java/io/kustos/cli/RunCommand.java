package io.kustos.cli;

import io.kustos.failure.KustosException;
import io.kustos.runtime.KustosDaemon;
import io.kustos.runtime.LogFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the daemon until stopped (SIGTERM/SIGINT).",
                "It reconciles at sync.interval and on webhooks, and serves /healthz, /readyz, /status, /metrics and "
                        + "/hooks/{github,gitlab,gitea,generic} on server.port.",
                "Each poll asks the remotes for their branch heads and fetches only when one moved. It logs at INFO.",
                "Exit 0: stopped by a signal; 2: bad command line; 3: invalid input (kustos.yaml, an unknown cluster); "
                        + "5: cannot listen on server.port, or unreachable at start."})
final class RunCommand implements Callable<Integer> {
    enum LogFormatOption { text, json }

    @Mixin
    AgentOptions options;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one JSON object per line, for log pipelines.")
    LogFormatOption logFormat;

    @Override
    public Integer call() throws Exception {
        if (logFormat == LogFormatOption.json) {
            LogFormat.json();
        }
        try (var clients = options.clients()) {
            var cfg = options.load();
            try (var daemon = new KustosDaemon(options.agent(cfg, clients))) {
                daemon.run();
            }
            return ExitCodes.OK;
        } catch (KustosException e) {
            System.err.println("error: " + e.getMessage());
            return ExitCodes.of(e);
        }
    }
}
