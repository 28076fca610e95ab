package io.kustos.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs real git's {@code git http-backend} as a CGI program for each request (smart HTTP), and
 * reports what service each request asked for.
 */
final class GitHttpBackend implements HttpHandler {
    private final Path projectRoot;
    private final Consumer<GitHttpServer.Service> counter;

    GitHttpBackend(Path projectRoot, Consumer<GitHttpServer.Service> counter) {
        this.projectRoot = projectRoot;
        this.counter = counter;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            counter.accept(GitHttpServer.Service.of(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Encoding"), body));
            Process process = start(exchange, body.length);
            Thread stdin = pump(body, process.getOutputStream());
            var stderr = new ByteArrayOutputStream();
            Thread errors = pump(process.getErrorStream(), stderr);
            try (InputStream out = process.getInputStream()) {
                respond(exchange, out);
            }
            join(stdin, errors);
            waitFor(process);
        }
    }

    private Process start(HttpExchange exchange, int contentLength) throws IOException {
        var builder = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = builder.environment();
        env.put("GIT_PROJECT_ROOT", projectRoot.toAbsolutePath().toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        String query = exchange.getRequestURI().getRawQuery();
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("CONTENT_LENGTH", Integer.toString(contentLength));
        env.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
        setIfPresent(env, "CONTENT_TYPE", exchange.getRequestHeaders().getFirst("Content-Type"));
        setIfPresent(env, "HTTP_CONTENT_ENCODING", exchange.getRequestHeaders().getFirst("Content-Encoding"));
        setIfPresent(env, "GIT_PROTOCOL", exchange.getRequestHeaders().getFirst("Git-Protocol"));
        if (exchange.getPrincipal() != null) {
            env.put("REMOTE_USER", exchange.getPrincipal().getUsername());
        }
        return builder.start();
    }

    /** Copies the CGI headers (with Status) and then the body to the HTTP response. */
    private static void respond(HttpExchange exchange, InputStream cgi) throws IOException {
        int status = 200;
        for (String line = readLine(cgi); line != null && !line.isEmpty(); line = readLine(cgi)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        byte[] rest = cgi.readAllBytes();
        boolean noBody = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : rest.length == 0 ? -1 : rest.length);
        if (!noBody && rest.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(rest);
            }
        }
    }

    /** One header line without its CR LF, or null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void setIfPresent(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }

    private static Thread pump(byte[] data, OutputStream out) {
        return pump(new java.io.ByteArrayInputStream(data), out);
    }

    private static Thread pump(InputStream in, OutputStream out) {
        Thread thread = new Thread(() -> {
            try (in; out) {
                in.transferTo(out);
            } catch (IOException e) {
                // the process ended early; its exit status tells
            }
        }, "git-http-backend-pump");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread... threads) {
        for (Thread thread : threads) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void waitFor(Process process) {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
