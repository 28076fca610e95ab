package io.kustos.cluster;

import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Makes a Vert.x that resolves host names with the JDK ({@code InetAddress}), not with Netty's DNS resolver:
 * Vert.x reads the JVM-wide property {@value #NO_DNS_RESOLVER} when an instance starts, so it is set around
 * the making only (and restored), one making at a time. Netty's resolver is ~70 classes and its own caches;
 * Kustos's clients and its HTTP server reach a handful of hosts (issue 18 point 4).
 */
public final class JdkNameResolution {
    private static final String NO_DNS_RESOLVER = "vertx.disableDnsResolver";

    private JdkNameResolution() {
    }

    /** What {@code make} returns, made while Vert.x is told to use the JDK's name resolution. */
    public static synchronized Vertx vertx(Supplier<Vertx> make) {
        String before = System.getProperty(NO_DNS_RESOLVER);
        System.setProperty(NO_DNS_RESOLVER, "true");
        try {
            return make.get();
        } finally {
            if (before == null) {
                System.clearProperty(NO_DNS_RESOLVER);
            } else {
                System.setProperty(NO_DNS_RESOLVER, before);
            }
        }
    }
}
