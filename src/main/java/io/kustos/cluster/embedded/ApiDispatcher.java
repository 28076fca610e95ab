package io.kustos.cluster.embedded;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The front of the embedded API server: records each request, answers discovery and health
 * paths, and routes resource requests to the read, write and delete handlers.
 */
final class ApiDispatcher extends Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ApiDispatcher.class);

    private final ResourceCatalog catalog;
    private final RequestLog log;
    private final Discovery discovery;
    private final ReadHandler reads;
    private final WriteHandler writes;
    private final DeleteHandler deletes;
    private final ProtobufDecoder protobuf = new ProtobufDecoder();
    private final OpenApiV3 openApi;
    private final RequestMetrics metrics = new RequestMetrics();

    ApiDispatcher(ResourceCatalog catalog, RequestLog log, Discovery discovery, ReadHandler reads,
                  WriteHandler writes, DeleteHandler deletes) {
        this.catalog = catalog;
        this.log = log;
        this.discovery = discovery;
        this.reads = reads;
        this.writes = writes;
        this.deletes = deletes;
        this.openApi = new OpenApiV3(catalog);
    }

    /** The real API server's limit on a request body (kube-apiserver's maxRequestBodyBytes, 3 MiB): 413 beyond. */
    static final int MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String raw = request.getPath();
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().readByteArray();
        ApiRequest req = ApiRequest.of(request.getMethod(), raw, request.getHeader("Content-Type"),
                new String(body, StandardCharsets.UTF_8), request.getHeader("User-Agent"));
        Optional<ResourcePath> rp = ResourcePath.parse(req.path(), catalog);
        int q = raw.indexOf('?');
        log.record(new RequestLog.Entry(req.method(), req.path(), q < 0 ? "" : raw.substring(q + 1),
                req.contentType() == null ? "" : req.contentType(), req.dryRun(), rp.isPresent()));
        if (rp.isEmpty() && req.method().equals("GET") && req.path().equals("/metrics")) {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain; version=0.0.4")
                    .setBody(metrics.render());
        }
        MockResponse response = answer(request, req, rp, raw, body);
        metrics.record(req, rp.orElse(null), response.code());
        return response;
    }

    private MockResponse answer(RecordedRequest request, ApiRequest req, Optional<ResourcePath> rp, String raw,
                                byte[] body) {
        try {
            if (body.length > MAX_REQUEST_BODY_BYTES) {
                throw new ApiError(413, "RequestEntityTooLarge", "Request entity too large: limit is " + MAX_REQUEST_BODY_BYTES,
                        null, null, java.util.List.of());
            }
            if (req.mediaType().contains("protobuf")) {
                req = new ApiRequest(req.method(), req.path(), req.query(), "application/json",
                        Json.write(protobuf.decode(body)), req.userAgent());
            }
            if (rp.isEmpty()) {
                return toMock(nonResource(req));
            }
            if (req.method().equals("GET") && rp.get().isCollection() && "true".equals(req.param("watch"))) {
                return reads.watch(raw);
            }
            String accept = request.getHeader("Accept");
            return toMock(handle(req, rp.get(), raw, accept != null && accept.contains("as=Table")));
        } catch (ApiError e) {
            return toMock(e.toResponse());
        } catch (RuntimeException e) {
            LOG.warn("embedded cluster failed on {} {}", req.method(), raw, e);
            return toMock(new ApiError(500, "InternalError", "Internal error occurred: " + e, null, null,
                    List.of()).toResponse());
        }
    }

    /** Handles a request that did not come over HTTP (the simulated controllers); not recorded. */
    ApiResponse local(ApiRequest req) {
        ResourcePath rp = ResourcePath.parse(req.path(), catalog)
                .orElseThrow(() -> new IllegalArgumentException("not a resource path: " + req.path()));
        try {
            return handle(req, rp, req.path(), false);
        } catch (ApiError e) {
            return e.toResponse();
        }
    }

    private ApiResponse handle(ApiRequest req, ResourcePath rp, String raw, boolean asTable) {
        return switch (req.method()) {
            case "GET", "HEAD" -> rp.isCollection() ? reads.list(rp, raw, asTable) : reads.getOne(rp, asTable);
            case "POST" -> writes.create(req, rp);
            case "PUT" -> writes.update(req, rp);
            case "PATCH" -> writes.patch(req, rp);
            case "DELETE" -> deletes.delete(req, rp);
            default -> throw new ApiError(405, "MethodNotAllowed", "method not allowed: " + req.method(), null,
                    null, List.of());
        };
    }

    private ApiResponse nonResource(ApiRequest req) {
        String path = req.path();
        if (!req.method().equals("GET")) {
            throw new ApiError(404, "NotFound", "the server could not find the requested resource", null, null,
                    List.of());
        }
        if (path.equals("/healthz") || path.equals("/readyz") || path.equals("/livez")) {
            return new ApiResponse(200, "ok");
        }
        return discovery.document(path).or(() -> openApi.document(path)).map(d -> new ApiResponse(200, Json.write(d)))
                .orElseThrow(() -> new ApiError(404, "NotFound", "the server could not find the requested resource",
                        null, null, List.of()));
    }

    private static MockResponse toMock(ApiResponse response) {
        boolean json = response.body().startsWith("{");
        return new MockResponse().setResponseCode(response.code())
                .setHeader("Content-Type", json ? "application/json" : "text/plain; charset=utf-8")
                .setBody(response.body());
    }
}
