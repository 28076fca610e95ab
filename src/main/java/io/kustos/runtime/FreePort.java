package io.kustos.runtime;

import io.kustos.failure.FailureReason;
import io.kustos.failure.TransientException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * {@code server.port: 0}: a port free now on the given address (tests run several daemons at once);
 * and the check, before the daemon starts anything, that its port can be listened on.
 */
final class FreePort {
    private FreePort() {
    }

    static int on(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    /**
     * @throws TransientException (exit 5: it may pass once the other process is gone) naming
     *                            {@code host:port} and {@code server.port}, when it cannot be listened on
     */
    static void require(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
        } catch (IOException e) {
            throw new TransientException("cannot listen on " + host + ":" + port + " (server.host, server.port in kustos.yaml): "
                    + e.getMessage() + "; stop what holds that port or set server.port to a free one", FailureReason.CANNOT_LISTEN, null);
        }
    }
}
