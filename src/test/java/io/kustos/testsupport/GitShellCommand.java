package io.kustos.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Executes what a git client asks of an ssh server, {@code git-upload-pack '/repo.git'} or
 * {@code git-receive-pack '/repo.git'}, by running real git on a repository under the served
 * directory, with the channel's streams connected to the process.
 */
final class GitShellCommand implements Command {
    private final Path projectRoot;
    private final String command;
    private final Consumer<String> counter;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Process process;

    GitShellCommand(Path projectRoot, String command, Consumer<String> counter) {
        this.projectRoot = projectRoot;
        this.command = command;
        this.counter = counter;
    }

    /** The git service ("upload-pack", "receive-pack") and repository path of a command line, or null. */
    static String[] parse(String command) {
        String[] parts = command.trim().split("\\s+", 2);
        String service = parts[0].startsWith("git-") ? parts[0].substring(4) : null;
        if (service == null || parts.length < 2
                || !(service.equals("upload-pack") || service.equals("receive-pack"))) {
            return null;
        }
        String path = parts[1].trim().replaceAll("^'|'$", "").replaceAll("^\"|\"$", "");
        return new String[] {service, path.startsWith("/") ? path.substring(1) : path};
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        String[] parsed = parse(command);
        Path repo = parsed == null ? null : projectRoot.resolve(parsed[1]).normalize();
        if (repo == null || !repo.startsWith(projectRoot.normalize())) {
            err.write(("not a git command: " + command + "\n").getBytes());
            err.flush();
            exit.onExit(1, "not a git command");
            return;
        }
        counter.accept(parsed[0]);
        var builder = new ProcessBuilder("git", parsed[0], repo.toString());
        String protocol = env.getEnv().get("GIT_PROTOCOL");
        if (protocol != null) {
            builder.environment().put("GIT_PROTOCOL", protocol);
        }
        process = builder.start();
        pump(in, process.getOutputStream(), true, false);
        pump(process.getErrorStream(), err, false, false);
        pump(process.getInputStream(), out, false, true);
    }

    /** Copies with a flush after each read; the stdout pump reports the exit when git is done. */
    private void pump(InputStream from, OutputStream to, boolean closeTarget, boolean reportExit) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
                if (closeTarget) {
                    to.close();
                }
            } catch (IOException e) {
                // the client or git went away; the exit status tells
            }
            if (reportExit) {
                exit.onExit(waitForExit());
            }
        }, "git-ssh-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private int waitForExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (process != null) {
            process.destroy();
        }
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }
}
