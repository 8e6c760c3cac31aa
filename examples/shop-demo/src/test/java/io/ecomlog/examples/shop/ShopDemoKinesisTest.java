package io.ecomlog.examples.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.AppError;
import io.ecomlog.event.Authentication;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.event.Order;
import io.ecomlog.event.ProductAction;
import io.ecomlog.event.Search;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.KinesisFaultStub;
import io.ecomlog.testing.KinesisRecordData;
import io.ecomlog.testing.LocalAws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shop with its {@code aws} profile, sending to a Kinesis stream of kinesis-local through the fault stub of the
 * core test-jar (127.0.0.1 only): a shopper's journey over real HTTP, read back from the stream; then the stream goes
 * down, {@code /actuator/health} turns DEGRADED while events go to the disk spool, and once the stream is back the
 * health is UP again and the spooled events arrive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("aws")
class ShopDemoKinesisTest {

    /** The application's KinesisClient (the starter uses it): the fault stub, static test/test, us-east-1. */
    @TestConfiguration(proxyBeanMethods = false)
    static class StubbedKinesis {
        @Bean(destroyMethod = "close")
        KinesisClient kinesisClient() {
            return KinesisFaultStub.shared().newClient(LocalAws.noRetries());
        }
    }

    @TempDir
    static Path tmp;

    static final KinesisFaultStub STUB = KinesisFaultStub.shared();
    static final String STREAM = STUB.kinesisLocal().uniqueStreamName("shop-demo");

    @DynamicPropertySource
    static void kinesis(DynamicPropertyRegistry registry) {
        STUB.kinesisLocal().createStream(STREAM, 1);
        registry.add("ecomlog.kinesis.stream", () -> STREAM);
        registry.add("ecomlog.s3-backup.bucket", () -> ""); // no S3 here: what Kinesis does not take is spooled
        registry.add("ecomlog.spool.directory", () -> tmp.resolve("spool").toString());
        // clients the starter would build itself go nowhere (the KinesisClient bean above is used)
        registry.add("ecomlog.aws.region", () -> "us-east-1");
        registry.add("ecomlog.aws.endpoint", () -> "http://127.0.0.1:9");
        // fast: short linger, TTL and backoff, a breaker that opens after two failed calls and probes soon
        registry.add("ecomlog.linger", () -> "20ms");
        registry.add("ecomlog.record-ttl", () -> "300ms");
        registry.add("ecomlog.retry.initial-backoff", () -> "10ms");
        registry.add("ecomlog.retry.max-backoff", () -> "50ms");
        registry.add("ecomlog.breaker.window-calls", () -> "2");
        registry.add("ecomlog.breaker.minimum-calls", () -> "2");
        registry.add("ecomlog.breaker.open-duration", () -> "300ms");
        registry.add("ecomlog.close-timeout", () -> "2s");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRODUCT = "1004856"; // a Samsung smartphone at 130.76 in the REES46 sample

    @LocalServerPort
    int port;

    @Autowired
    EcomlogClient ecomlog;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(String method, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aShoppingJourneyArrivesInTheStreamAsTypedEvents() throws Exception {
        var badLogin = send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=alice&password=wrong")));
        assertThat(badLogin.statusCode()).isEqualTo(401);
        var login = send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"alice\",\"password\":\"demo\"}")));
        assertThat(login.statusCode()).isEqualTo(200);
        var search = send("GET", "/products?q=" + q("samsung smartphone"));
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("\"" + PRODUCT + "\"");
        assertThat(send("GET", "/products/" + PRODUCT).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/products/no-such-product").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/cart/" + PRODUCT).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/checkout").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/payment-provider").statusCode()).isEqualTo(500);

        assertThat(ecomlog.flush(Duration.ofSeconds(10))).isTrue();
        List<EcomEvent> events = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(ShopDemoKinesisTest::readStream, es -> es.stream().anyMatch(e -> e.eventType()
                        == EventType.APP_ERROR) && es.stream().anyMatch(e -> e.eventType() == EventType.HTTP_ACCESS
                        && ((HttpAccess) e.payload()).path().equals("/payment-provider")));

        var failed = one(events, EventType.LOGIN_FAILED);
        assertThat((Authentication) failed.payload()).isEqualTo(new Authentication("password", "bad_password"));
        assertThat(failed.sessionId()).isNotBlank();
        var succeeded = one(events, EventType.LOGIN_SUCCEEDED, e -> "alice".equals(e.userId()));
        assertThat(((Authentication) succeeded.payload()).method()).isEqualTo("password");
        assertThat(succeeded.userId()).isEqualTo("alice");
        String session = succeeded.sessionId();
        assertThat(session).isNotBlank();

        var searched = one(events, EventType.PRODUCTS_SEARCHED,
                e -> ((Search) e.payload()).query().equals("samsung smartphone"));
        assertThat(((Search) searched.payload()).query()).isEqualTo("samsung smartphone");
        assertThat(((Search) searched.payload()).resultCount()).isPositive();
        var viewed = (ProductAction) one(events, EventType.PRODUCT_VIEWED).payload();
        assertThat(viewed.product().productId()).isEqualTo(PRODUCT);
        assertThat(viewed.product().brand()).isEqualTo("samsung");
        assertThat(viewed.product().category()).isEqualTo("electronics/smartphone");
        assertThat(viewed.product().price()).isEqualByComparingTo(new BigDecimal("130.76"));
        var added = one(events, EventType.PRODUCT_ADDED);
        assertThat(((ProductAction) added.payload()).cartId()).isEqualTo("C-" + session);
        var completed = one(events, EventType.ORDER_COMPLETED);
        var order = (Order) completed.payload();
        assertThat(completed.userId()).isEqualTo("alice");
        assertThat(completed.currency()).isEqualTo("EUR");
        assertThat(order.products()).extracting(p -> p.productId()).containsExactly(PRODUCT);
        assertThat(order.total()).isEqualByComparingTo(new BigDecimal("135.66"));
        // after the login, the typed events of the journey carry the user and the one session of the shopper
        assertThat(events).filteredOn(e -> "alice".equals(e.userId()) && e.eventType() != EventType.HTTP_ACCESS)
                .extracting(EcomEvent::eventType).contains(EventType.PRODUCTS_SEARCHED, EventType.PRODUCT_VIEWED,
                        EventType.PRODUCT_ADDED, EventType.ORDER_COMPLETED);
        assertThat(events).filteredOn(e -> "alice".equals(e.userId()) && e.eventType() != EventType.HTTP_ACCESS)
                .extracting(EcomEvent::sessionId).containsOnly(session);
        assertThat(failed.sessionId()).isEqualTo(session);

        var error = (AppError) one(events, EventType.APP_ERROR).payload();
        assertThat(error.errorClass()).endsWith("IllegalStateException");
        assertThat(error.errorMessage()).isEqualTo("payment provider timed out");
        assertThat(error.httpStatus()).isEqualTo(500);
        assertThat(error.endpoint()).isEqualTo("GET /payment-provider");

        var access = events.stream().filter(e -> e.eventType() == EventType.HTTP_ACCESS)
                .map(e -> (HttpAccess) e.payload()).toList();
        assertThat(access).extracting(HttpAccess::path).contains("/login", "/products", "/products/" + PRODUCT,
                "/cart/" + PRODUCT, "/checkout", "/payment-provider").noneMatch(p -> p.startsWith("/actuator"));
        assertThat(access).filteredOn(a -> a.path().equals("/payment-provider")).extracting(HttpAccess::status)
                .containsOnly(500);
        assertThat(access).filteredOn(a -> a.path().equals("/products/no-such-product"))
                .extracting(HttpAccess::status).containsOnly(404);
    }

    @Test
    void healthIsDegradedWhileTheStreamIsDownAndTheSpooledEventsArriveWhenItIsBack() throws Exception {
        assertThat(send("GET", "/products?q=" + q("before-outage")).statusCode()).isEqualTo(200);
        assertThat(ecomlog.flush(Duration.ofSeconds(10))).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> queries(readStream()).contains("before-outage"));
        assertThat(ecomlogHealth().path("status").asText()).isEqualTo("UP");

        var sentDuringOutage = new ArrayList<String>();
        var n = new AtomicInteger();
        STUB.faults().outage(STREAM);
        JsonNode degraded;
        try {
            // the shop keeps serving: every request answers, and its events go to the spool instead
            degraded = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(150)).until(() -> {
                String query = "outage-" + n.incrementAndGet();
                assertThat(send("GET", "/products?q=" + q(query)).statusCode()).isEqualTo(200);
                sentDuringOutage.add(query);
                return health();
            }, h -> h.path("components").path("ecomlog").path("status").asText().equals("DEGRADED"));
            // the status order of application.yml makes the whole application DEGRADED (HTTP 200), not UP or DOWN
            assertThat(degraded.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(send("GET", "/actuator/health").statusCode()).isEqualTo(200);
            var details = degraded.path("components").path("ecomlog").path("details");
            assertThat(details.path("reasons").toString()).containsAnyOf("circuit breaker", "spooled to disk");
            assertThat(details.path("droppedSinceLastCheck").size()).isZero();
            // keep shopping until events have been spooled to disk (not only held back by the open breaker)
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(150)).until(() -> {
                String query = "outage-" + n.incrementAndGet();
                assertThat(send("GET", "/products?q=" + q(query)).statusCode()).isEqualTo(200);
                sentDuringOutage.add(query);
                return ecomlogHealth().path("details").path("destinations").elements().next().path("spooled")
                        .asLong();
            }, spooled -> spooled > 0);
            var login = send(HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("user=bob&password=demo")));
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(send("GET", "/payment-provider").statusCode()).isEqualTo(500);
            assertThat(queries(readStream())).doesNotContainAnyElementsOf(sentDuringOutage);
            assertThat(readStream()).noneMatch(e -> "bob".equals(e.userId()));
        } finally {
            STUB.faults().heal(STREAM);
        }

        // back: a successful call closes the breaker, so keep the shop busy until the health is UP
        var m = new AtomicInteger();
        var up = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(150)).until(() -> {
            assertThat(send("GET", "/products?q=" + q("healed-" + m.incrementAndGet())).statusCode()).isEqualTo(200);
            return health();
        }, h -> h.path("components").path("ecomlog").path("status").asText().equals("UP"));
        assertThat(up.path("status").asText()).isEqualTo("UP");

        // the spool is replayed: every search made during the outage arrives, nothing was dropped
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> queries(readStream()).containsAll(sentDuringOutage));
        assertThat(readStream()).anyMatch(e -> e.eventType() == EventType.LOGIN_SUCCEEDED && "bob".equals(e.userId()));
        var details = ecomlogHealth().path("details");
        assertThat(details.path("dropped").size()).isZero();
        // the aws profile has Kinesis as its only destination (no local lake)
        assertThat(details.path("destinations").size()).isEqualTo(1);
        JsonNode destination = details.path("destinations").elements().next();
        assertThat(destination.path("spooled").asLong()).isPositive();
        assertThat(destination.path("replayed").asLong()).isPositive();
        assertThat(destination.path("breaker").asText()).isEqualTo("CLOSED");
    }

    private JsonNode health() throws Exception {
        var response = send("GET", "/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode ecomlogHealth() throws Exception {
        return health().path("components").path("ecomlog");
    }

    private static EcomEvent one(List<EcomEvent> events, EventType type) {
        return one(events, type, e -> true);
    }

    private static EcomEvent one(List<EcomEvent> events, EventType type, Predicate<EcomEvent> which) {
        var matching = events.stream().filter(e -> e.eventType() == type).filter(which).toList();
        assertThat(matching).as("%s events", type).isNotEmpty();
        return matching.get(0);
    }

    private static Set<String> queries(List<EcomEvent> events) {
        var out = new HashSet<String>();
        events.stream().filter(e -> e.eventType() == EventType.PRODUCTS_SEARCHED)
                .map(e -> ((Search) e.payload()).query()).filter(Objects::nonNull).forEach(out::add);
        return out;
    }

    /** Every event in the stream, read back from kinesis-local directly (not through the stub). */
    static List<EcomEvent> readStream() {
        var codec = new EventCodec();
        var events = new ArrayList<EcomEvent>();
        for (KinesisRecordData record : STUB.kinesisLocal().readAll(STREAM)) {
            for (byte[] line : RecordCodec.lines(record.data())) {
                events.add(codec.decode(line));
            }
        }
        return events;
    }
}
