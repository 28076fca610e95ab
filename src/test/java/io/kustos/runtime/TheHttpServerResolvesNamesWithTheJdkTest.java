package io.kustos.runtime;

import io.netty.resolver.DefaultAddressResolverGroup;
import io.vertx.core.impl.VertxInternal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The daemon's HTTP server's Vert.x resolves names with the JDK, not with Netty's DNS resolver (~70 classes
 * loaded for the one bind host; issue 18 point 4), and leaves the JVM-wide switch as it found it.
 */
class TheHttpServerResolvesNamesWithTheJdkTest {
    @Test
    void itsVertxUsesTheJdksResolver() {
        var vertx = FilelessVertx.create();
        try {
            assertSame(DefaultAddressResolverGroup.INSTANCE, ((VertxInternal) vertx).nettyAddressResolverGroup());
            assertNull(System.getProperty("vertx.disableDnsResolver"), "the JVM-wide property is restored");
        } finally {
            FilelessVertx.close(vertx);
        }
    }
}
