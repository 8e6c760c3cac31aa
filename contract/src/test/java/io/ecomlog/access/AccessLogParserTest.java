package io.ecomlog.access;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.HttpAccess;
import io.ecomlog.testing.SampleData;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class AccessLogParserTest {

    private final AccessLogParser parser = new AccessLogParser();

    @Test
    void everyLineOfTheApacheSampleParses() throws IOException {
        var events = new ArrayList<EcomEvent>();
        var tolerated = new TreeMap<String, Long>();
        var rejected = new TreeMap<String, Long>();
        for (String line : Files.readAllLines(SampleData.file(SampleData.APACHE), StandardCharsets.UTF_8)) {
            var result = parser.parse(line);
            if (result instanceof AccessLogParser.Parsed p) {
                events.add(p.event());
                p.tolerated().forEach(t -> tolerated.merge(t, 1L, Long::sum));
            } else if (result instanceof AccessLogParser.Rejected r) {
                rejected.merge(r.reason(), 1L, Long::sum);
            }
        }
        // counted independently with awk on the file: 432 "-" sizes; statuses from awk '{print $9}' | sort | uniq -c
        assertThat(events).hasSize(5000);
        assertThat(rejected).isEmpty();
        assertThat(tolerated).containsOnly(entry(AccessLogParser.NO_RESPONSE_SIZE, 432L));
        Map<Integer, Long> byStatus = events.stream()
                .collect(Collectors.groupingBy(e -> access(e).status(), Collectors.counting()));
        assertThat(byStatus).containsOnly(entry(200, 4450L), entry(304, 305L), entry(301, 113L),
                entry(404, 108L), entry(206, 21L), entry(500, 2L), entry(403, 1L));
        assertThat(events).filteredOn(e -> "server_error".equals(e.properties().get("error"))).hasSize(2);
        assertThat(events).filteredOn(e -> "client_error".equals(e.properties().get("error"))).hasSize(109);
    }

    @Test
    void theEnvelopeCarriesClientUserPageAndAction() {
        var event = parsed("83.149.9.216 - alice [17/May/2015:10:05:03 +0000] \"GET /product/B0042?ref=x HTTP/1.1\""
                + " 200 203023 \"http://shop.example/search?q=lamp\" \"Mozilla/5.0 (X11)\"");

        assertThat(event.eventTime()).isEqualTo(Instant.parse("2015-05-17T10:05:03Z"));
        assertThat(event.userId()).isEqualTo("alice");
        assertThat(event.client().ip()).isEqualTo("83.149.9.216");
        assertThat(event.client().userAgent()).isEqualTo("Mozilla/5.0 (X11)");
        assertThat(event.page().path()).isEqualTo("/product/B0042");
        assertThat(event.page().referrer()).isEqualTo("http://shop.example/search?q=lamp");
        assertThat(event.properties()).containsEntry("action", "product_view").containsEntry("product_id", "B0042")
                .doesNotContainKey("error");
        var a = access(event);
        assertThat(a.path()).isEqualTo("/product/B0042?ref=x");
        assertThat(a.bytes()).isEqualTo(203023L);
    }

    @Test
    void anyTimeZoneOffsetIsoTimesAndIpv6Clients() {
        assertThat(parsed("::1 - - [17/May/2015:10:05:03 +0530] \"GET / HTTP/1.1\" 200 1").eventTime())
                .isEqualTo(Instant.parse("2015-05-17T04:35:03Z"));
        assertThat(parsed("2001:db8::7 - - [17/May/2015:10:05:03 -0700] \"GET / HTTP/1.1\" 200 1").eventTime())
                .isEqualTo(Instant.parse("2015-05-17T17:05:03Z"));
        var iso = parsed("10.0.0.1 - - [2015-05-17T10:05:03+02:00] \"GET /search?q=red%20shoes HTTP/2.0\" 200 9");
        assertThat(iso.eventTime()).isEqualTo(Instant.parse("2015-05-17T08:05:03Z"));
        assertThat(iso.properties()).containsEntry("action", "search").containsEntry("search_query", "red shoes");
        assertThat(parsed("2001:db8::7 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1").client().ip())
                .isEqualTo("2001:db8::7");
        // a host name (HostnameLookups On) is kept as host, not as an IP
        var named = parsed("crawl.example.org - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1");
        assertThat(named.client()).isNull();
        assertThat(access(named).host()).isEqualTo("crawl.example.org");
    }

    @Test
    void nginxVariantsEscapedQuotesAndTrailingFields() {
        var nginx = parsed("203.0.113.9 - - [02/Dec/2026:14:00:00 +0100] \"POST /cart/add?product_id=17 HTTP/1.1\" "
                + "201 12 \"-\" \"say \\x22hi\\x22 \\\"there\\\"\" \"198.51.100.1, 10.0.0.2\" 0.042");
        assertThat(access(nginx).userAgent()).isEqualTo("say \"hi\" \"there\"");
        assertThat(nginx.properties()).containsEntry("action", "cart").containsEntry("product_id", "17");
        assertThat(access(nginx).referrer()).isNull();
    }

    @Test
    void oddLinesAreRejectedByReasonAndNeverThrow() {
        Map<String, String> lines = Map.ofEntries(
                entry("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"-\" 408 - \"-\" \"-\"",
                        AccessLogParser.NO_REQUEST_LINE),
                entry("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"\\x16\\x03\\x01\\x00\" 400 226 \"-\" \"-\"",
                        AccessLogParser.ODD_REQUEST_LINE),
                entry("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"get / HTTP/1.1\" 400 1", AccessLogParser.ODD_REQUEST_LINE),
                entry("1.2.3.4 - - [17/Foo/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1", AccessLogParser.UNREADABLE_TIME),
                entry("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" abc 1", AccessLogParser.STATUS_NOT_A_NUMBER),
                entry("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 -5", AccessLogParser.SIZE_NOT_A_NUMBER),
                entry("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 999 1", AccessLogParser.INVALID_EVENT),
                entry("just some text", AccessLogParser.NOT_IN_FORMAT),
                entry("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"unclosed",
                        AccessLogParser.NOT_IN_FORMAT));
        lines.forEach((line, reason) -> assertThat(parser.parse(line)).as(line)
                .isEqualTo(new AccessLogParser.Rejected(reason)));
    }

    @Test
    void lenientShapesThatRealServersWrite() {
        assertThat(access(parsed("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /a b HTTP/1.1\" 200 1 \"-\" \"-\"")).path())
                .isEqualTo("/a b");
        var http09 = access(parsed("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /\" 200 1"));
        assertThat(http09.protocol()).isNull();
        assertThat(http09.referrer()).isNull();
    }

    @Property(tries = 300)
    void neverThrowsWhateverTheLine(@ForAll @StringLength(max = 400) String junk) {
        String[] shapes = {junk, "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"" + junk + "\" 200 1 \"-\" \"-\"",
                junk + " - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1",
                "1.2.3.4 - - [" + junk + "] \"GET /" + junk + " HTTP/1.1\" 200 1 \"" + junk + "\" \"x\""};
        for (String line : shapes) {
            var result = parser.parse(line);
            assertThat(result).isNotNull();
            if (result instanceof AccessLogParser.Parsed p) {
                assertThat(p.event().payload()).isInstanceOf(HttpAccess.class);
            }
        }
    }

    @Test
    void givenIdsAreKeptSoARerunGivesTheSameEvents() {
        var id = java.util.UUID.nameUUIDFromBytes("bucket/key#1".getBytes(StandardCharsets.UTF_8));
        var line = "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 1";
        var first = ((AccessLogParser.Parsed) parser.parse(line, id)).event();
        var second = ((AccessLogParser.Parsed) parser.parse(line, id)).event();
        assertThat(first).isEqualTo(second);
        assertThat(first.eventId()).isEqualTo(id);
    }

    private EcomEvent parsed(String line) {
        var result = parser.parse(line);
        assertThat(result).as(line).isInstanceOf(AccessLogParser.Parsed.class);
        return ((AccessLogParser.Parsed) result).event();
    }

    private static HttpAccess access(EcomEvent e) {
        return (HttpAccess) e.payload();
    }

}
