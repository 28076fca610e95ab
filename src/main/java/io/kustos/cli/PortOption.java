package io.kustos.cli;

import io.kustos.failure.TransientException;

/**
 * The command-line option that chose a port, named in the error when that port cannot be listened
 * on: {@code error: cannot listen on 127.0.0.1:6443: address already in use (--port)}.
 */
record PortOption(String name) {
    String error(TransientException e) {
        return "error: " + e.getMessage() + " (" + name + ")";
    }
}
