package io.kustos.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * A fault-injecting reverse proxy in front of a Kubernetes API server, for tests: loopback only,
 * one per test ({@link AutoCloseable}). It forwards every request and streams every response
 * (watches are chunked and long-lived, or WebSockets as fabric8 opens them) unless a {@link FaultRule} made with {@link #on} picks it
 * for a fault: a status with the API server's Status body (500, 503, 429 with Retry-After, 409
 * Conflict), a connection reset, a stall held until released, or a watch cut mid-stream.
 *
 * <p>Built on Vert.x's HTTP server and client (on the classpath through fabric8 and Camel). In
 * front of an https API server (the real one) it terminates TLS with its own self-signed
 * certificate ({@link ProxyCertificate}) and originates TLS to the upstream with the upstream
 * kubeconfig's CA; the Authorization header (a token) passes through. Client certificates cannot
 * pass through a TLS-terminating proxy, so the upstream kubeconfig must use a token. In front of a
 * plain http server (the embedded one) it serves plain http.
 *
 * <p>{@link #kubeconfig()} is a copy of the upstream kubeconfig pointing at the proxy, for Kustos
 * and kubectl. {@link #requests()} lists what it saw; each rule counts what it matched and faulted.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length");
    private static final Pattern WATCH = Pattern.compile("(^|&)watch=(true|1)(&|$)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START_SECONDS = 30;

    private final Vertx vertx;
    private final HttpClient client;
    private final URI upstream;
    private final boolean upstreamTls;
    private final boolean tls;
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private URI url;
    private Path kubeconfig;

    private FaultProxy(URI upstream, String upstreamCaPem, boolean trustAll) {
        this.upstream = upstream;
        this.upstreamTls = upstream.getScheme().equals("https");
        this.tls = upstreamTls;
        this.vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
                new FileSystemOptions().setClassPathResolvingEnabled(false).setFileCachingEnabled(false)));
        var options = new HttpClientOptions().setMaxPoolSize(500).setKeepAlive(true).setSsl(upstreamTls);
        if (upstreamTls && trustAll) {
            options.setTrustAll(true).setVerifyHost(false);
        } else if (upstreamTls && upstreamCaPem != null) {
            options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(upstreamCaPem)));
        }
        this.client = vertx.createHttpClient(options);
    }

    /**
     * A proxy in front of the API server of {@code upstreamKubeconfig}'s current context, TLS when
     * that server is https; writes {@code fault-proxy.kubeconfig} into {@code dir}.
     */
    public static FaultProxy inFrontOf(Path upstreamKubeconfig, Path dir) {
        try {
            String text = Files.readString(upstreamKubeconfig);
            Config config = Config.fromKubeconfig(null, text, upstreamKubeconfig.toString());
            String ca = config.getCaCertData() != null
                    ? new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.US_ASCII)
                    : config.getCaCertFile() != null ? Files.readString(Path.of(config.getCaCertFile())) : null;
            var proxy = new FaultProxy(URI.create(config.getMasterUrl().replaceAll("/$", "")), ca, config.isTrustCerts());
            proxy.start();
            proxy.kubeconfig = dir.resolve("fault-proxy.kubeconfig");
            Files.writeString(proxy.kubeconfig, proxy.pointedAtItself(text));
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #inFrontOf(Path, Path)} the test cluster's kubeconfig. */
    public static FaultProxy inFrontOf(TestCluster cluster, Path dir) {
        return inFrontOf(cluster.kubeconfig(), dir);
    }

    private void start() {
        var options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSoLinger(0); // close() = reset
        if (tls) {
            ProxyCertificate cert = ProxyCertificate.get();
            options.setSsl(true).setKeyCertOptions(new PfxOptions().setValue(Buffer.buffer(cert.pkcs12())).setPassword(cert.password()));
        }
        server = await(vertx.createHttpServer(options).requestHandler(this::handle)
                .connectionHandler(c -> c.exceptionHandler(e -> { })) // resets are what the tests ask for, not errors to log
                .listen());
        url = URI.create((tls ? "https" : "http") + "://127.0.0.1:" + server.actualPort());
    }

    private String pointedAtItself(String upstreamKubeconfig) {
        io.fabric8.kubernetes.api.model.Config config = KubeConfigUtils.parseConfigFromString(upstreamKubeconfig);
        String clusterName = config.getContexts().stream().filter(c -> c.getName().equals(config.getCurrentContext()))
                .map(NamedContext::getContext).map(c -> c.getCluster()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the upstream kubeconfig has no current context"));
        NamedCluster named = config.getClusters().stream().filter(c -> c.getName().equals(clusterName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the upstream kubeconfig has no cluster " + clusterName));
        var cluster = named.getCluster();
        cluster.setServer(url.toString());
        cluster.setCertificateAuthority(null);
        cluster.setInsecureSkipTlsVerify(null);
        cluster.setCertificateAuthorityData(tls ? Base64.getEncoder().encodeToString(caPem().getBytes(StandardCharsets.US_ASCII)) : null);
        config.setClusters(List.of(named));
        return Serialization.asYaml(config);
    }

    /** A rule for requests with this method ({@code *}: any) whose path (without the query) matches {@code pathRegex}; choose its fault next. */
    public FaultRule on(String method, String pathRegex) {
        var rule = new FaultRule(method, pathRegex);
        rules.add(rule);
        return rule;
    }

    /** A kubeconfig like the upstream one (same user and token) whose cluster is this proxy. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The proxy's server URL, {@code https://127.0.0.1:PORT} in front of TLS, else http. */
    public URI url() {
        return url;
    }

    /** The proxy's certificate (its own CA) as PEM; null when it serves plain http. */
    public String caPem() {
        return tls ? ProxyCertificate.get().pem() : null;
    }

    /** Every request seen, in order, as {@code METHOD /path?query}. */
    public List<String> requests() {
        return new ArrayList<>(requests);
    }

    /** Requests seen with this method ({@code *}: any) whose path with query matches {@code regex}. */
    public long count(String method, String regex) {
        Pattern p = Pattern.compile(regex);
        return requests.stream().filter(r -> method.equals("*") || r.startsWith(method + " "))
                .filter(r -> p.matcher(r.substring(r.indexOf(' ') + 1)).matches()).count();
    }

    private void handle(HttpServerRequest req) {
        req.pause();
        String query = req.query() == null ? "" : req.query();
        boolean watch = WATCH.matcher(query).find() || req.path().contains("/watch/");
        requests.add(req.method() + " " + req.uri());
        FaultRule chosen = null;
        FaultRule.Fault fault = null;
        for (FaultRule rule : rules) {
            FaultRule.Fault f = rule.consider(req.method().name(), req.path(), query, watch, fault == null);
            if (f != null) {
                chosen = rule;
                fault = f;
            }
        }
        if (fault == null) {
            forward(req, null);
        } else if (fault instanceof FaultRule.Respond r) {
            respond(req, r);
        } else if (fault instanceof FaultRule.Reset) {
            req.connection().close();
        } else if (fault instanceof FaultRule.Stall) {
            stall(req, chosen);
        } else {
            forward(req, chosen);
        }
    }

    private void stall(HttpServerRequest req, FaultRule rule) {
        Context context = vertx.getOrCreateContext();
        Runnable forward = () -> context.runOnContext(v -> forward(req, null));
        req.response().closeHandler(v -> rule.forget(forward));
        if (!rule.hold(forward)) {
            forward(req, null);
        }
    }

    private void respond(HttpServerRequest req, FaultRule.Respond r) {
        req.body().onComplete(ar -> {
            HttpServerResponse resp = req.response().setStatusCode(r.code())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            if (r.retryAfterSeconds() > 0) {
                resp.putHeader("Retry-After", Integer.toString(r.retryAfterSeconds()));
            }
            resp.end(status(r, req.path()));
        });
        req.resume();
    }

    /** The API server's Status body for {@code r} on {@code path}. */
    static String status(FaultRule.Respond r, String path) {
        String[] segments = path.split("/");
        String name = segments.length > 0 ? segments[segments.length - 1] : "";
        String kind = segments.length > 1 ? segments[segments.length - 2] : "";
        ObjectNode body = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        body.putObject("metadata");
        body.put("status", "Failure");
        body.put("message", r.message() != null ? r.message() : "Operation cannot be fulfilled on " + kind + " \"" + name
                + "\": the object has been modified; please apply your changes to the latest version and try again");
        body.put("reason", r.reason());
        ObjectNode details = body.putObject("details");
        if (r.code() == 409) {
            details.put("name", name).put("kind", kind);
        }
        if (r.retryAfterSeconds() > 0) {
            details.put("retryAfterSeconds", r.retryAfterSeconds());
        }
        body.put("code", r.code());
        return body.toString();
    }

    private void forward(HttpServerRequest req, FaultRule dropRule) {
        if ("websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE))) {
            forwardWebSocket(req, dropRule);
            return;
        }
        var options = new RequestOptions().setMethod(req.method()).setHost(upstream.getHost())
                .setPort(upstream.getPort() > 0 ? upstream.getPort() : upstreamTls ? 443 : 80)
                .setURI(req.uri()).setSsl(upstreamTls);
        req.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                options.addHeader(h.getKey(), h.getValue());
            }
        });
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean body = length != null || "chunked".equalsIgnoreCase(req.getHeader(HttpHeaders.TRANSFER_ENCODING));
        if (length != null) {
            options.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        }
        HttpServerResponse resp = req.response();
        client.request(options).onFailure(e -> badGateway(req, e)).onSuccess(upReq -> {
            resp.closeHandler(v -> upReq.reset());
            Future<HttpClientResponse> sent;
            if (body) {
                sent = upReq.send(req);
            } else {
                req.resume();
                sent = upReq.send();
            }
            sent.onFailure(e -> badGateway(req, e)).onSuccess(upResp -> relay(req, upReq, upResp, dropRule));
        });
    }

    private void relay(HttpServerRequest req, HttpClientRequest upReq, HttpClientResponse upResp, FaultRule dropRule) {
        HttpServerResponse resp = req.response();
        var pipe = upResp.pipe().endOnFailure(false);
        resp.setStatusCode(upResp.statusCode()).setStatusMessage(upResp.statusMessage());
        upResp.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                resp.headers().add(h.getKey(), h.getValue());
            }
        });
        String length = upResp.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            resp.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        } else if (upResp.statusCode() != 204 && upResp.statusCode() != 304) {
            resp.setChunked(true);
        }
        Runnable cut = null;
        if (dropRule != null) {
            Context context = vertx.getOrCreateContext();
            Runnable[] self = new Runnable[1];
            cut = () -> context.runOnContext(v -> {
                dropRule.openStreams.remove(self[0]);
                upReq.reset();
                req.connection().close();
            });
            self[0] = cut;
            dropRule.openStreams.add(cut);
            resp.write(Buffer.buffer()); // the status line and headers now, as the API server sends them for a watch
        }
        Runnable opened = cut;
        pipe.to(resp).onComplete(ar -> {
            if (opened != null) {
                dropRule.openStreams.remove(opened);
            }
            if (ar.failed()) {
                upReq.reset();
                req.connection().close();
            }
        });
    }

    /** A watch over a WebSocket (fabric8's default): connect upstream first, then upgrade the client, then pass frames both ways. */
    private void forwardWebSocket(HttpServerRequest req, FaultRule dropRule) {
        var options = new WebSocketConnectOptions().setHost(upstream.getHost())
                .setPort(upstream.getPort() > 0 ? upstream.getPort() : upstreamTls ? 443 : 80)
                .setURI(req.uri()).setSsl(upstreamTls);
        req.headers().forEach(h -> {
            String key = h.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(key) && !key.startsWith("sec-websocket-")) {
                options.addHeader(h.getKey(), h.getValue());
            }
        });
        String protocols = req.getHeader("Sec-WebSocket-Protocol");
        if (protocols != null) {
            options.setSubProtocols(Arrays.stream(protocols.split(",")).map(String::trim).toList());
        }
        client.webSocket(options).onFailure(e -> {
            if (e instanceof UpgradeRejectedException rejected) {
                req.response().setStatusCode(rejected.getStatus()).end(rejected.getBody() == null ? Buffer.buffer() : rejected.getBody());
            } else {
                badGateway(req, e);
            }
        }).onSuccess(up -> {
            up.pause();
            req.toWebSocket().onFailure(e -> up.close()).onSuccess(down -> {
                Runnable[] cut = new Runnable[1];
                Context context = vertx.getOrCreateContext();
                cut[0] = () -> context.runOnContext(v -> {
                    if (dropRule != null) {
                        dropRule.openStreams.remove(cut[0]);
                    }
                    up.close();
                    req.connection().close();
                });
                if (dropRule != null) {
                    dropRule.openStreams.add(cut[0]);
                }
                up.frameHandler(f -> {
                    if (f.isText() || f.isBinary() || f.isContinuation()) {
                        down.writeFrame(f);
                    }
                });
                down.frameHandler(f -> {
                    if (f.isText() || f.isBinary() || f.isContinuation()) {
                        up.writeFrame(f);
                    }
                });
                up.closeHandler(v -> {
                    if (dropRule != null) {
                        dropRule.openStreams.remove(cut[0]);
                    }
                    down.close(up.closeStatusCode() == null ? 1000 : up.closeStatusCode(), up.closeReason());
                });
                down.closeHandler(v -> {
                    if (dropRule != null) {
                        dropRule.openStreams.remove(cut[0]);
                    }
                    up.close();
                });
                up.exceptionHandler(e -> req.connection().close());
                down.exceptionHandler(e -> up.close());
                up.resume();
            });
        });
    }

    private void badGateway(HttpServerRequest req, Throwable e) {
        HttpServerResponse resp = req.response();
        if (resp.headWritten() || resp.ended() || resp.closed()) {
            req.connection().close();
            return;
        }
        resp.setStatusCode(502).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(status(new FaultRule.Respond(502, "InternalError", "fault proxy: the API server did not answer: " + e, 0), req.path()));
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("fault proxy: " + e.getMessage(), e);
        }
    }

    /** Stops serving: held requests and open streams are cut. */
    @Override
    public void close() {
        try {
            await(vertx.close());
        } catch (IllegalStateException e) {
            // closing is best effort: the test is over
        }
    }

    @Override
    public String toString() {
        return "fault proxy " + url + " -> " + upstream + " " + rules;
    }
}
