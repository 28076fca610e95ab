package io.kustos.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

import java.util.concurrent.Callable;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version of Kustos.")
final class VersionCommand implements Callable<Integer>, IVersionProvider {
    @Override
    public Integer call() {
        System.out.println(getVersion()[0]);
        return ExitCodes.OK;
    }

    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"kustos " + (v == null ? "dev" : v) + " (java " + System.getProperty("java.version") + ")"};
    }
}
