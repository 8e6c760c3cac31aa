package io.ecomlog.local.dashboard;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local dashboard: the page, ECharts from its webjar, and the JSON API under {@code /api/}, on 127.0.0.1 only.
 *
 * <pre>{@code
 * try (var server = new DashboardServer(data, 8080).start()) {
 *     System.out.println("dashboard: " + server.url());
 *     ...
 * }
 * }</pre>
 */
public final class DashboardServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DashboardServer.class.getName());
    private static final String STATIC = "io/ecomlog/local/dashboard/static/";
    private static final String ECHARTS_WEBJAR = "META-INF/resources/webjars/echarts/";
    private static final String ECHARTS_POM_PROPERTIES = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    /** Instants as ISO-8601 strings, BigDecimals as written (never 1E+3). */
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private record Asset(byte[] body, String contentType) {}

    private final DashboardApi api;
    private final Map<String, Asset> assets;
    private final HttpServer server;
    private final ExecutorService executor;

    /** @param port the port on 127.0.0.1; 0 takes a free one (see {@link #url()}) */
    public DashboardServer(DashboardData data, int port) {
        this.api = new DashboardApi(Objects.requireNonNull(data, "data"));
        // read once, so that a missing resource fails here and not in front of the user
        this.assets = Map.of(
                "/", new Asset(resource(STATIC + "index.html"), "text/html; charset=utf-8"),
                "/dashboard.js", new Asset(resource(STATIC + "dashboard.js"), "text/javascript; charset=utf-8"),
                "/dashboard.css", new Asset(resource(STATIC + "dashboard.css"), "text/css; charset=utf-8"),
                "/search.html", new Asset(resource(STATIC + "search.html"), "text/html; charset=utf-8"),
                "/search.js", new Asset(resource(STATIC + "search.js"), "text/javascript; charset=utf-8"),
                "/fetch-json.js", new Asset(resource(STATIC + "fetch-json.js"), "text/javascript; charset=utf-8"),
                "/echarts.min.js", new Asset(resource(ECHARTS_WEBJAR + echartsVersion() + "/dist/echarts.min.js"),
                        "text/javascript; charset=utf-8"));
        try {
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            this.server = HttpServer.create(new InetSocketAddress(loopback, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        // a page polls about nine endpoints at once every two seconds; more than one browser is rare
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "dashboard-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public DashboardServer start() {
        server.start();
        return this;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var headers = exchange.getResponseHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            String path = exchange.getRequestURI().getRawPath();
            if (!isLocalHost(exchange.getRequestHeaders().getFirst("Host"))) {
                // a page of another site that rebinds its name to 127.0.0.1 must not read the data
                sendError(exchange, 403, "Host must be 127.0.0.1 or localhost");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                headers.set("Allow", "GET");
                sendError(exchange, 405, "only GET is served");
            } else if (path.startsWith("/api/")) {
                answerApi(exchange, path.substring("/api/".length()));
            } else if (assets.containsKey(path)) {
                sendAsset(exchange, assets.get(path));
            } else {
                sendError(exchange, 404, "not found: " + path);
            }
        }
    }

    private void answerApi(HttpExchange exchange, String endpoint) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        Object answer;
        try {
            answer = api.answer(endpoint, exchange.getRequestURI().getRawQuery());
        } catch (DashboardApi.BadRequest e) {
            sendError(exchange, 400, e.getMessage());
            return;
        } catch (DashboardApi.UnknownEndpoint e) {
            sendError(exchange, 404, e.getMessage());
            return;
        } catch (DashboardData.Refused e) {
            sendError(exchange, e.status(), e.getMessage());
            return;
        } catch (DashboardApi.DataFailure e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage(), e.getCause());
            sendError(exchange, 500, e.getMessage());
            return;
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(answer);
        } catch (IOException | RuntimeException e) {
            // the source's answer broke while being read (a lazy list, say): as much a data failure as a throw
            String message = "the answer of /api/" + endpoint + " could not be written as JSON: " + e.getMessage();
            LOG.log(System.Logger.Level.WARNING, message, e);
            sendError(exchange, 500, message);
            return;
        }
        sendJson(exchange, 200, body);
    }

    private static void sendAsset(HttpExchange exchange, Asset asset) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", asset.contentType());
        headers.set("Cache-Control", "no-cache");
        // scripts only from here (no inline script); ECharts' tooltips set inline styles
        headers.set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
        exchange.sendResponseHeaders(200, asset.body().length);
        exchange.getResponseBody().write(asset.body());
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        sendJson(exchange, status, JSON.writeValueAsBytes(Map.of("error", message)));
    }

    private static void sendJson(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static boolean isLocalHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        return name.equals("127.0.0.1") || name.equalsIgnoreCase("localhost");
    }

    /** The webjar's own record of its version, so that the dependency's version is written in one place. */
    private static String echartsVersion() {
        Properties properties = new Properties();
        try {
            properties.load(new ByteArrayInputStream(resource(ECHARTS_POM_PROPERTIES)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Objects.requireNonNull(properties.getProperty("version"), "the ECharts webjar names no version");
    }

    private static byte[] resource(String name) {
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing on the classpath: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
