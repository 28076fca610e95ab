package io.kustos.bench;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A real git smart-HTTP server on 127.0.0.1 (a free port) for ITs and the benchmark: the JDK's HTTP server runs
 * {@code git http-backend} (real git must be installed) over the bare repositories under a
 * directory, optionally behind HTTP Basic authentication. It counts requests by
 * {@link Service}, so a test can prove that a poll only listed refs and fetched nothing.
 *
 * <pre>{@code
 * try (var server = GitHttpServer.startWithBasicAuth(reposDir, "kustos", "s3cret")) {
 *     String url = server.url("config.git");
 *     ...
 *     assertEquals(0, server.requests(GitHttpServer.Service.UPLOAD_PACK));
 * }
 * }</pre>
 */
public final class GitHttpServer implements AutoCloseable {
    /** What a request asked for. */
    public enum Service {
        /** {@code GET …/info/refs?service=…}: the ref advertisement (protocol v0) or capabilities (v2). */
        INFO_REFS,
        /** {@code POST …/git-upload-pack} with protocol v2 {@code command=ls-refs}: listing refs only. */
        LS_REFS,
        /** {@code POST …/git-upload-pack} that negotiates and sends a pack: a fetch or clone. */
        UPLOAD_PACK,
        /** {@code POST …/git-receive-pack}: a push. */
        RECEIVE_PACK,
        /** Anything else (dumb HTTP files). */
        OTHER;

        static Service of(String path, String contentEncoding, byte[] body) {
            if (path.endsWith("/info/refs")) {
                return INFO_REFS;
            }
            if (path.endsWith("/git-receive-pack")) {
                return RECEIVE_PACK;
            }
            if (path.endsWith("/git-upload-pack")) {
                return text(contentEncoding, body).contains("command=ls-refs") ? LS_REFS : UPLOAD_PACK;
            }
            return OTHER;
        }

        private static String text(String contentEncoding, byte[] body) {
            try (InputStream in = "gzip".equalsIgnoreCase(contentEncoding)
                    ? new GZIPInputStream(new ByteArrayInputStream(body)) : new ByteArrayInputStream(body)) {
                return new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return "";
            }
        }
    }

    static {
        // The JDK's HTTP server leaves Nagle's algorithm on unless told otherwise: a reply written in
        // parts then waits for the client's delayed ACK, ~40 ms a time, which made every ref listing
        // cost ~100 ms instead of ~20. Read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<Service, AtomicLong> counts = new EnumMap<>(Service.class);
    private final AtomicLong unauthorized = new AtomicLong();

    private GitHttpServer(Path projectRoot, String username, String password) throws IOException {
        for (Service s : Service.values()) {
            counts.put(s, new AtomicLong());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        HttpContext context = server.createContext("/", new GitHttpBackend(projectRoot, s -> counts.get(s).incrementAndGet()));
        if (username != null) {
            context.setAuthenticator(new CountingBasicAuth(username, password));
        }
        server.start();
    }

    /** Serves the repositories under {@code projectRoot} to anyone. */
    public static GitHttpServer start(Path projectRoot) throws IOException {
        return new GitHttpServer(projectRoot, null, null);
    }

    /**
     * Serves the repositories under {@code projectRoot} to a client sending these Basic
     * credentials; any other request gets 401 (JGit then reports "not authorized").
     */
    public static GitHttpServer startWithBasicAuth(Path projectRoot, String username, String password) throws IOException {
        return new GitHttpServer(projectRoot, username, password);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/<repoPath>}, e.g. {@code url("config.git")}. */
    public String url(String repoPath) {
        return "http://127.0.0.1:" + port() + "/" + repoPath;
    }

    /** Authenticated requests for {@code service} since start or the last {@link #resetCounts()}. */
    public long requests(Service service) {
        return counts.get(service).get();
    }

    /** Requests answered 401 since start or the last {@link #resetCounts()}. */
    public long unauthorizedRequests() {
        return unauthorized.get();
    }

    public void resetCounts() {
        counts.values().forEach(c -> c.set(0));
        unauthorized.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Basic authentication against one user, counting refusals. */
    private final class CountingBasicAuth extends BasicAuthenticator {
        private final String username;
        private final String password;

        CountingBasicAuth(String username, String password) {
            super("git");
            this.username = username;
            this.password = password;
        }

        @Override
        public Authenticator.Result authenticate(HttpExchange exchange) {
            Authenticator.Result result = super.authenticate(exchange);
            if (!(result instanceof Authenticator.Success)) {
                unauthorized.incrementAndGet();
            }
            return result;
        }

        @Override
        public boolean checkCredentials(String user, String pass) {
            return username.equals(user) && password.equals(pass);
        }
    }
}
