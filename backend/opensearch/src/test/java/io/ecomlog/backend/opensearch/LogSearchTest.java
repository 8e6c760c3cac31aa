package io.ecomlog.backend.opensearch;

import io.ecomlog.event.AppError;
import io.ecomlog.event.ClientInfo;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.event.LogRecord;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.testing.LocalAws;
import io.ecomlog.testing.OpenSearchNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link LogSearch} on the real node: text, filters, the histogram, a session's story, and hostile input. */
class LogSearchTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final DailyIndex DAILY = new DailyIndex(LocalAws.uniqueName("search"));
    private static final List<EcomEvent> EVENTS = new ArrayList<>();
    private static LogSearch search;

    @BeforeAll
    static void indexAShopsMorning() throws Exception {
        var node = TestIndexers.nodeClient();
        new ClusterSetup(node).install(DAILY, 0, 30);
        // a session of u-1: views, an access line per request, a declined payment logged as an error, then an order
        add(Events.productViewed(Product.builder("p-7").name("Lampe été").build()), "u-1", "s-1", 0);
        add(Events.httpAccess(HttpAccess.builder("GET", "/product/p-7", 200).requestId("r-1").build()), "u-1", "s-1", 1);
        add(Events.httpAccess(HttpAccess.builder("POST", "/checkout", 502).requestId("r-2").build()), "u-1", null, 60);
        add(Events.appError(AppError.builder().errorClass("PaymentDeclined").errorMessage("card issuer declined the"
                + " payment").endpoint("/checkout").requestId("r-2").build()), null, null, 61);
        add(Events.log(LogRecord.builder("WARN", "retrying payment for order o-1").build()), "u-1", "s-1", 62);
        add(Events.orderCompleted(Order.builder().orderId("o-1").total("19.90").build()).currency("EUR"), "u-1",
                "s-1", 120);
        // someone else, later
        add(Events.httpAccess(HttpAccess.builder("GET", "/search?q=\"lamp\"*", 404).build()), "u-2", "s-2", 3_600);
        add(Events.log(LogRecord.builder("ERROR", "title:(a OR b) AND c~2 \\ literally").build()), "u-2", "s-2",
                3_601);

        var test = TestIndexers.to(OpenSearchNode.shared().endpoint(), Map.of("INDEX_PREFIX", DAILY.prefix(),
                "OPENSEARCH_SETUP", "false"));
        var result = test.indexer.bulk().index(EVENTS.stream().map(e -> test.indexer.document(e, "test")).toList());
        assertThat(result.indexed()).isEqualTo(EVENTS.size());
        node.indices().refresh(r -> r.index(DAILY.pattern()));
        search = new LogSearch(node, DAILY);
    }

    private static void add(EcomEvent.Builder event, String user, String session, long seconds) {
        EVENTS.add(event.userId(user).sessionId(session).eventTime(T0.plusSeconds(seconds))
                .client(new ClientInfo("198.51.100.7", "Mozilla/5.0 …", null)).build());
    }

    @Test
    void wordsAreFoundInMessagesErrorsAndNamesNonAsciiIncluded() throws Exception {
        assertThat(ids(search.search(LogSearch.Request.all(10).withText("declined")))).containsExactly(id(3));
        assertThat(ids(search.search(LogSearch.Request.all(10).withText("été")))).containsExactly(id(0));
        assertThat(ids(search.search(LogSearch.Request.all(10).withText("/checkout")))).containsExactlyInAnyOrder(
                id(2), id(3));
        var everything = search.search(LogSearch.Request.all(3));
        assertThat(everything.total()).isEqualTo(EVENTS.size());
        assertThat(everything.hits()).extracting(LogSearch.Found::eventId).containsExactly(id(7), id(6), id(5));
    }

    @Test
    void filtersNarrowTheHits() throws Exception {
        var base = LogSearch.Request.all(10);
        assertThat(ids(search.search(new LogSearch.Request(null, null, null, LogSearch.StatusClass.SERVER_ERROR, null,
                null, null, null, null, 0, 10)))).containsExactly(id(2));
        assertThat(ids(search.search(new LogSearch.Request(null, T0.plusSeconds(60), T0.plusSeconds(121), null, null,
                "u-1", null, null, null, 0, 10)))).containsExactly(id(5), id(4), id(2));
        assertThat(ids(search.search(new LogSearch.Request(null, null, null, null, "/checkout", null, null, null,
                "http_access", 0, 10)))).containsExactly(id(2));
        assertThat(ids(search.search(new LogSearch.Request(null, null, null, null, null, null, "s-2", "ERROR", null,
                0, 10)))).containsExactly(id(7));
        assertThat(search.search(base.withText("nothing like this")).total()).isZero();
    }

    @Test
    void anOpenRangesHistogramSpansTheHitsThemselves() throws Exception {
        // the events span 3,601 s: about 60 buckets of 60 s, from the first hit's bucket to the last's
        var page = search.search(LogSearch.Request.all(1));
        assertThat(page.interval()).hasSeconds(60);
        assertThat(page.histogram().stream().mapToLong(LogSearch.Bucket::hits).sum()).isEqualTo(EVENTS.size());
        assertThat(page.histogram().get(0).start()).isEqualTo(T0);
        assertThat(page.histogram().get(page.histogram().size() - 1).start()).isEqualTo(T0.plusSeconds(3_600));
        // open at one end only: from the asked start to the last hit
        assertThat(search.search(new LogSearch.Request(null, T0.minusSeconds(3_600 * 2 - 1), null, null, null, null,
                null, null, null, 0, 1)).interval()).hasSeconds(180);
    }

    @Test
    void theHistogramCountsEveryHitAndTheAccessLinesByStatusCode() throws Exception {
        var page = search.search(new LogSearch.Request(null, T0, T0.plusSeconds(7_200), null, null, null, null, null,
                null, 0, 1));
        assertThat(page.interval()).hasSeconds(120);
        assertThat(page.histogram().stream().mapToLong(LogSearch.Bucket::hits).sum()).isEqualTo(page.total())
                .isEqualTo(EVENTS.size());
        var byStatus = new java.util.TreeMap<String, Long>();
        page.histogram().forEach(b -> b.byStatus().forEach((k, v) -> byStatus.merge(k, v, Long::sum)));
        assertThat(byStatus).containsOnly(Map.entry("200", 1L), Map.entry("404", 1L), Map.entry("502", 1L));
    }

    @Test
    void aSessionJoinsItsEventsAccessLinesErrorsAndOrderBySessionAndRequestId() throws Exception {
        var session = search.session("s-1");
        assertThat(session.events()).extracting(LogSearch.Found::eventId).containsExactly(id(0), id(4), id(5));
        // the access line of r-1 carries the session; the 502 of r-2 only shares its request id with the error
        assertThat(session.accessLines()).extracting(LogSearch.Found::eventId).containsExactly(id(1));
        assertThat(session.errors()).isEmpty();
        assertThat(session.order().orderId()).isEqualTo("o-1");
        assertThat(search.session("nobody").events()).isEmpty();
    }

    @Test
    void hostileTextIsSearchedForAsTextNeverAsQuerySyntax() throws Exception {
        for (String text : List.of("\"", "*", "\\", "title:(a OR b) AND c~2", "event_type:*", "{\"match_all\":{}}",
                "<script>alert(1)</script>", "' OR 1=1 --", "😀", "x".repeat(LogSearch.MAX_TEXT))) {
            var page = search.search(LogSearch.Request.all(10).withText(text));
            assertThat(page.total()).as(text).isLessThan(EVENTS.size());
        }
        assertThat(ids(search.search(LogSearch.Request.all(10).withText("title:(a OR b) AND c~2"))))
                .contains(id(7));
        assertThatThrownBy(() -> LogSearch.Request.all(10).withText("x".repeat(10 * 1024)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the search text is longer than 1000 characters");
        assertThatThrownBy(() -> new LogSearch.Request(null, T0, T0, null, null, null, null, null, null, 0, 10))
                .hasMessageContaining("time range");
        assertThatThrownBy(() -> LogSearch.Request.all(0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> LogSearch.StatusClass.of("6xx")).hasMessageContaining("1xx, 2xx");
        assertThatThrownBy(() -> search.session(" ")).hasMessageContaining("session id");
    }

    private static String id(int index) {
        return EVENTS.get(index).eventId().toString();
    }

    private static List<String> ids(LogSearch.Page page) {
        return page.hits().stream().map(LogSearch.Found::eventId).toList();
    }
}
