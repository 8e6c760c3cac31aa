package io.ecomlog.publicdata;

import io.ecomlog.access.AccessLogParser;
import io.ecomlog.event.EventType;
import io.ecomlog.event.HttpAccess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ApacheAccessLogParserTest {

    @Test
    void parsesEveryLineOfTheSample() throws IOException {
        var result = new ApacheAccessLogParser().parse(TestData.dir().resolve(PublicData.APACHE_FILE));

        // this half of the elastic sample is clean: every line is combined format with a METHOD path HTTP/x line;
        // 432 responses have "-" as size (counted with awk on the file)
        assertThat(result.rows()).isEqualTo(5000);
        assertThat(result.events()).hasSize(5000).allSatisfy(e -> assertThat(e.eventType())
                .isEqualTo(EventType.HTTP_ACCESS));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.tolerated()).containsOnly(entry("no response size (-)", 432L));
        // status counts, from awk '{print $9}' | sort | uniq -c
        Map<Integer, Long> byStatus = result.events().stream()
                .collect(Collectors.groupingBy(e -> access(e.payload()).status(), Collectors.counting()));
        assertThat(byStatus).containsOnly(entry(200, 4450L), entry(304, 305L), entry(301, 113L),
                entry(404, 108L), entry(206, 21L), entry(500, 2L), entry(403, 1L));
    }

    @Test
    void linesCarryTheFileValues() throws IOException {
        var events = new ApacheAccessLogParser().parse(TestData.dir().resolve(PublicData.APACHE_FILE)).events();

        // line 1
        var first = events.get(0);
        assertThat(first.eventTime()).isEqualTo(Instant.parse("2015-05-17T10:05:03Z"));
        var a = access(first.payload());
        assertThat(a.host()).isEqualTo("83.149.9.216");
        assertThat(a.ident()).isNull();
        assertThat(a.authuser()).isNull();
        assertThat(a.method()).isEqualTo("GET");
        assertThat(a.path()).isEqualTo("/presentations/logstash-monitorama-2013/images/kibana-search.png");
        assertThat(a.protocol()).isEqualTo("HTTP/1.1");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.bytes()).isEqualTo(203023L);
        assertThat(a.referrer()).isEqualTo("http://semicomplete.com/presentations/logstash-monitorama-2013/");
        assertThat(a.userAgent()).startsWith("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1)");

        // line 86: 218.30.103.62 … [17/May/2015:11:05:17 +0000] "GET /projects/xdotool/xdotool.xhtml HTTP/1.1" 304 -
        //          "-" "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)"
        var notModified = access(events.get(85).payload());
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.bytes()).isNull();
        assertThat(notModified.referrer()).isNull();
        assertThat(notModified.userAgent()).isEqualTo("Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)");
    }

    @Test
    void countsWhatItRejectsByTheParsersReasons() throws IOException {
        // the line-level cases are AccessLogParserTest's (ecomlog-backend-common); here only the counting
        var result = new ApacheAccessLogParser().parse(TestData.lines(
                "1.2.3.4 - bob [17/May/2015:10:05:03 +0200] \"POST /cart?x=1 HTTP/1.0\" 201 12 \"-\" \"-\"",
                "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"-\" 408 - \"-\" \"-\"",
                "just some text",
                "",
                "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 304 -"));

        assertThat(result.rows()).isEqualTo(4);
        assertThat(result.events()).hasSize(2);
        assertThat(result.events().get(0).eventTime()).isEqualTo(Instant.parse("2015-05-17T08:05:03Z"));
        assertThat(result.rejected()).containsOnly(entry(AccessLogParser.NO_REQUEST_LINE, 1L),
                entry(AccessLogParser.NOT_IN_FORMAT, 1L));
        assertThat(result.tolerated()).containsOnly(entry(AccessLogParser.NO_RESPONSE_SIZE, 1L));
    }

    private static HttpAccess access(Object payload) {
        return (HttpAccess) payload;
    }
}
