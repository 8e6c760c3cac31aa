package io.ecomlog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A proxy in front of the test OpenSearch node, on 127.0.0.1: plain HTTP, or HTTPS ({@link #tls}) as a managed
 * domain's endpoint, recording each request's {@code Authorization} header (the node itself checks no signatures).
 * By default it forwards every request. It can fail chosen documents of {@code _bulk} requests per item (they are
 * taken out of the request the node sees and answered with the given status, as a node under write pressure answers
 * 429 for some items), and it can answer whole requests with an outage status. It counts bulk requests and each
 * document's tries. One per test.
 */
public final class OpenSearchProxy implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final URI target;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, ItemFault> itemFaults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> triesById = new ConcurrentHashMap<>();
    private final AtomicInteger bulkRequests = new AtomicInteger();
    private final AtomicInteger outageLeft = new AtomicInteger();
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private volatile int outageStatus = 503;
    private volatile String outageContentType = "text/html";
    private volatile String outageBody = "<html>injected outage</html>";

    public OpenSearchProxy(URI target) throws IOException {
        this(target, HttpServer.create(new InetSocketAddress(LocalAws.LOOPBACK, 0), 0));
    }

    private OpenSearchProxy(URI target, HttpServer server) {
        this.target = target;
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    /** A proxy that speaks HTTPS (a self-signed certificate for 127.0.0.1), as a managed domain does. */
    public static OpenSearchProxy tls(URI target) throws IOException {
        var https = HttpsServer.create(new InetSocketAddress(LocalAws.LOOPBACK, 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(SelfSignedTls.context()));
        return new OpenSearchProxy(target, https);
    }

    public URI endpoint() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://" + LocalAws.LOOPBACK + ":" + server.getAddress().getPort());
    }

    /** The {@code Authorization} headers of the requests seen, in order ({@code null} where there was none). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** The next {@code times} tries of each of these documents get {@code status} for their item. */
    public void failItems(List<String> ids, int status, int times) {
        ids.forEach(id -> itemFaults.put(id, new ItemFault(status, times)));
    }

    private record ItemFault(int status, int timesLeft) {
    }

    /** The next {@code requests} requests of any kind get {@code status} with a non-JSON body, as a load balancer. */
    public void outage(int status, int requests) {
        outage(status, requests, "text/html", "<html>injected outage</html>");
    }

    /** The next {@code requests} requests get {@code status} with this body, as the node answers a whole request. */
    public void outage(int status, int requests, String contentType, String body) {
        outageStatus = status;
        outageContentType = contentType;
        outageBody = body;
        outageLeft.set(requests);
    }

    public int bulkRequests() {
        return bulkRequests.get();
    }

    public int tries(String id) {
        AtomicInteger n = triesById.get(id);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                // the AWS SDK transport compresses larger requests; the proxy reads and forwards them plain
                body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            }
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String path = exchange.getRequestURI().getRawPath();
            boolean bulk = path.endsWith("/_bulk");
            if (bulk) {
                bulkRequests.incrementAndGet();
            }
            if (outageLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(exchange, outageStatus, outageContentType, outageBody.getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (bulk && "POST".equals(exchange.getRequestMethod())) {
                bulk(exchange, body);
            } else {
                var response = send(exchange, body);
                reply(exchange, response.statusCode(), response.headers().firstValue("content-type")
                        .orElse("application/json"), response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Forwards the items not chosen to fail; answers the chosen ones with the item status, in request order. */
    private void bulk(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        var forwarded = new StringBuilder();
        var injected = new ArrayList<ObjectNode>(); // null where the node answers
        for (int i = 0; i + 1 < lines.length; i += 2) {
            JsonNode action = JSON.readTree(lines[i]).path("index");
            String id = action.path("_id").asText();
            triesById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            ItemFault fault = consumeFault(id);
            if (fault != null) {
                injected.add(failedItem(action, fault.status()));
            } else {
                injected.add(null);
                forwarded.append(lines[i]).append('\n').append(lines[i + 1]).append('\n');
            }
        }
        ArrayNode nodeItems = JSON.createArrayNode();
        boolean nodeErrors = false;
        if (forwarded.length() > 0) {
            HttpResponse<byte[]> response = send(exchange, forwarded.toString().getBytes(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                reply(exchange, response.statusCode(), "application/json", response.body());
                return;
            }
            JsonNode answer = JSON.readTree(response.body());
            nodeItems = (ArrayNode) answer.path("items");
            nodeErrors = answer.path("errors").asBoolean();
        }
        ObjectNode merged = JSON.createObjectNode();
        merged.put("took", 1);
        merged.put("errors", nodeErrors || injected.stream().anyMatch(n -> n != null));
        ArrayNode items = merged.putArray("items");
        int next = 0;
        for (ObjectNode item : injected) {
            items.add(item != null ? item : nodeItems.get(next++));
        }
        reply(exchange, 200, "application/json", JSON.writeValueAsBytes(merged));
    }

    /** The fault for this try of the document, or null (and counts it down). */
    private ItemFault consumeFault(String id) {
        ItemFault[] fault = {null};
        itemFaults.computeIfPresent(id, (k, f) -> {
            fault[0] = f;
            return f.timesLeft() > 1 ? new ItemFault(f.status(), f.timesLeft() - 1) : null;
        });
        return fault[0];
    }

    private static ObjectNode failedItem(JsonNode action, int itemStatus) {
        ObjectNode item = JSON.createObjectNode();
        ObjectNode index = item.putObject("index");
        index.put("_index", action.path("_index").asText());
        index.put("_id", action.path("_id").asText());
        index.put("status", itemStatus);
        ObjectNode error = index.putObject("error");
        error.put("type", itemStatus == 429 ? "es_rejected_execution_exception" : "injected_failure");
        error.put("reason", "injected by OpenSearchProxy: status " + itemStatus);
        return item;
    }

    private HttpResponse<byte[]> send(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI uri = target.resolve(exchange.getRequestURI().toString());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        var request = HttpRequest.newBuilder(uri)
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
