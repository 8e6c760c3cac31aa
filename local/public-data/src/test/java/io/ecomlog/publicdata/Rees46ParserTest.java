package io.ecomlog.publicdata;

import io.ecomlog.event.EventType;
import io.ecomlog.event.Order;
import io.ecomlog.event.ProductAction;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class Rees46ParserTest {

    private static final String HEADER =
            "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";

    @Test
    void parsesEveryRowOfTheSample() throws IOException {
        var result = new Rees46Parser().parse(TestData.dir().resolve(PublicData.REES46_FILE));

        // counted independently with cut/awk on the file: 987 view, 3 cart, 10 purchase; 143 empty brands,
        // 366 empty category codes
        assertThat(result.rows()).isEqualTo(1000);
        assertThat(result.events()).hasSize(1000);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.tolerated()).containsOnly(entry("empty brand", 143L), entry("empty category_code", 366L));
        assertThat(byType(result)).containsOnly(entry("product_viewed", 987L), entry("product_added", 3L),
                entry("order_completed", 10L));
    }

    @Test
    void firstRowAndFirstPurchaseCarryTheFileValues() throws IOException {
        var events = new Rees46Parser().parse(TestData.dir().resolve(PublicData.REES46_FILE)).events();

        // 2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde-…
        var first = events.get(0);
        assertThat(first.eventType()).isEqualTo(EventType.PRODUCT_VIEWED);
        assertThat(first.eventTime()).isEqualTo(Instant.parse("2019-10-01T00:00:00Z"));
        assertThat(first.userId()).isEqualTo("541312140");
        assertThat(first.sessionId()).isEqualTo("72d76fde-8bb3-4e00-8c23-a032dfed738c");
        var product = ((ProductAction) first.payload()).product();
        assertThat(product.productId()).isEqualTo("44600062");
        assertThat(product.categoryId()).isEqualTo("2103807459595387724");
        assertThat(product.category()).isNull();
        assertThat(product.brand()).isEqualTo("shiseido");
        assertThat(product.price()).isEqualByComparingTo("35.79");

        // line 164: 2019-10-01 00:02:14 UTC,purchase,1004856,2053013555631882655,electronics.smartphone,samsung,
        //           130.76,543272936,8187d148-3c41-46d4-b0c0-9c08cd9dc564
        var purchase = events.stream().filter(e -> e.eventType() == EventType.ORDER_COMPLETED).findFirst()
                .orElseThrow();
        assertThat(purchase.eventTime()).isEqualTo(Instant.parse("2019-10-01T00:02:14Z"));
        assertThat(purchase.userId()).isEqualTo("543272936");
        var order = (Order) purchase.payload();
        assertThat(order.orderId()).isEqualTo("rees46-8187d148-3c41-46d4-b0c0-9c08cd9dc564-1004856-"
                + Instant.parse("2019-10-01T00:02:14Z").getEpochSecond());
        assertThat(order.total()).isEqualByComparingTo("130.76");
        assertThat(order.products()).singleElement().satisfies(p -> {
            assertThat(p.productId()).isEqualTo("1004856");
            assertThat(p.category()).isEqualTo("electronics/smartphone");
            assertThat(p.brand()).isEqualTo("samsung");
            assertThat(p.quantity()).isEqualTo(1);
        });
    }

    @Test
    void countsWhatItRejectsAndNeverThrows() throws IOException {
        var result = new Rees46Parser().parse(TestData.lines(HEADER,
                "2019-10-01 00:00:00 UTC,remove_from_cart,1,2,a.b,brand,1.50,7,s",  // kept: product_removed
                "2019-10-01 00:00:00 UTC,view,1,2,,,,,",                             // kept with four gaps
                "2019-10-01 00:00:00 UTC,view,1,2,a,\"quoted, brand\",1,7,s",        // a quoted comma
                "2019-10-01 00:00:00 UTC,view,1,2,a,b,1,7",                          // 8 fields
                "2019-10-01 00:00:00 UTC,view,1,2,a,b,1,7,s,extra",                  // 10 fields
                "2019-10-01T00:00:00Z,view,1,2,a,b,1,7,s",                           // ISO-8601: kept
                "01/10/2019 00:00,view,1,2,a,b,1,7,s",                               // unreadable time
                "2019-10-01 00:00:00 UTC,wishlist,1,2,a,b,1,7,s",                    // unknown type
                "2019-10-01 00:00:00 UTC,view,,2,a,b,1,7,s",                         // no product
                "2019-10-01 00:00:00 UTC,view,1,2,a,b,abc,7,s",                      // price not a number
                "2019-10-01 00:00:00 UTC,view,1,2,a,b,-3,7,s",                       // negative price
                "2019-10-01 00:00:00 UTC,view,1,2,a,\"unclosed,1,7,s",               // unclosed quote
                "",
                "\u0000\u00ff garbage"));

        assertThat(result.rows()).isEqualTo(13);
        assertThat(result.events()).extracting(e -> e.eventType().wireName())
                .containsExactly("product_removed", "product_viewed", "product_viewed", "product_viewed");
        assertThat(((ProductAction) result.events().get(2).payload()).product().brand()).isEqualTo("quoted, brand");
        assertThat(result.rejected()).containsOnly(entry("wrong number of fields", 4L),
                entry("unreadable event_time", 1L), entry("unknown event_type", 1L),
                entry("missing product_id", 1L), entry("unreadable price", 1L), entry("negative price", 1L));
        assertThat(result.tolerated()).containsOnly(entry("empty brand", 1L), entry("empty category_code", 1L),
                entry("empty price", 1L), entry("empty user_id", 1L), entry("empty user_session", 1L));
    }

    static Map<String, Long> byType(ParseResult result) {
        return result.events().stream().collect(Collectors.groupingBy(e -> e.eventType().wireName(),
                Collectors.counting()));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "2019-10-01 00:00:00 UTC|2019-10-01T00:00:00Z",
            "2019-11-30 23:59:59 UTC|2019-11-30T23:59:59Z",
            "2019-10-01 00:00:00|2019-10-01T00:00:00Z",
            "2019-10-01T00:00:00Z|2019-10-01T00:00:00Z",
            "2019-10-01T03:00:00+03:00|2019-10-01T00:00:00Z",
            "2019-10-01 05:30:00+0530|2019-10-01T00:00:00Z",
            "2019-09-30T19:00:00-05:00|2019-10-01T00:00:00Z",
            "2019-10-01T00:00:00.250Z|2019-10-01T00:00:00.250Z",
            "2019-10-01 00:00:00+00|2019-10-01T00:00:00Z"})
    void readsTheTimeFormatsOfTheMonthlyFilesAndOfReExports(String text, String expected) throws IOException {
        var row = text + ",view,44600062.0,2103807459595387724,,shiseido,35.79,541312140.0,72d76fde";
        var result = new Rees46Parser().parse(new java.io.BufferedReader(new java.io.StringReader(HEADER + "\n" + row)));

        assertThat(result.rejected()).isEmpty();
        var event = result.events().get(0);
        assertThat(event.eventTime()).isEqualTo(Instant.parse(expected));
        assertThat(event.userId()).isEqualTo("541312140");
        assertThat(((ProductAction) event.payload()).product().productId()).isEqualTo("44600062");
    }

    @Test
    void anUnreadableTimeIsCountedNotFatal() throws IOException {
        var rows = HEADER + "\n01/10/2019 00:00,view,1,2,,b,1.00,3,s\n2019-10-01 00:00:00 UTC,view,1,2,,b,1.00,3,s";
        var result = new Rees46Parser().parse(new java.io.BufferedReader(new java.io.StringReader(rows)));

        assertThat(result.rejected()).containsExactly(entry("unreadable event_time", 1L));
        assertThat(result.events()).hasSize(1);
    }
}
