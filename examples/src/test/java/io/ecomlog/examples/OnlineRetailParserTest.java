package io.ecomlog.examples;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.event.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class OnlineRetailParserTest {

    private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    @Test
    void groupsTheSampleIntoOneEventPerInvoice() throws IOException {
        var result = new OnlineRetailParser().parse(TestData.dir().resolve(LocalDemo.ONLINE_RETAIL_FILE));

        // 1,071 data rows in 68 invoices, 4 of them cancellations (C…) holding the file's 10 negative quantities;
        // invoice 536414 is a single stock-adjustment row without CustomerID
        assertThat(result.rows()).isEqualTo(1071);
        assertThat(result.rejected()).containsOnly(entry("missing CustomerID", 1L));
        assertThat(result.tolerated())
                .containsOnly(entry("negative Quantity in a cancellation (taken as positive)", 10L));
        assertThat(Rees46ParserTest.byType(result))
                .containsOnly(entry("order_completed", 63L), entry("order_cancelled", 4L));
        assertThat(result.events()).extracting(e -> ((Order) e.payload()).orderId())
                .doesNotContain("536414")
                .contains("C536379", "C536383", "C536391", "C536506");
    }

    @Test
    void invoicesCarryTheFileValues() throws IOException {
        var events = new OnlineRetailParser().parse(TestData.dir().resolve(LocalDemo.ONLINE_RETAIL_FILE)).events();

        // 536365: 7 lines, 6 x 2.55 + 6 x 3.39 + 8 x 2.75 + 6 x 3.39 + 6 x 3.39 + 2 x 7.65 + 6 x 4.25 = 139.12
        var first = order(events, "536365");
        assertThat(first.eventType()).isEqualTo(EventType.ORDER_COMPLETED);
        assertThat(first.eventTime()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
        assertThat(first.userId()).isEqualTo("17850");
        assertThat(first.currency()).isEqualTo("GBP");
        assertThat(first.properties()).containsEntry("country", "United Kingdom");
        var firstOrder = (Order) first.payload();
        assertThat(firstOrder.products()).hasSize(7);
        assertThat(firstOrder.products().get(0).productId()).isEqualTo("85123A");
        assertThat(firstOrder.products().get(0).name()).isEqualTo("WHITE HANGING HEART T-LIGHT HOLDER");
        assertThat(firstOrder.products().get(0).quantity()).isEqualTo(6);
        assertThat(firstOrder.products().get(0).price()).isEqualByComparingTo("2.55");
        assertThat(firstOrder.subtotal()).isEqualByComparingTo("139.12");
        assertThat(firstOrder.total()).isEqualByComparingTo("139.12");

        // 536370 (France): 19 product lines worth 801.86 plus "POST,POSTAGE,3,…,18" = 54 shipping
        var france = (Order) order(events, "536370").payload();
        assertThat(france.products()).hasSize(19);
        assertThat(france.subtotal()).isEqualByComparingTo("801.86");
        assertThat(france.shipping()).isEqualByComparingTo("54");
        assertThat(france.total()).isEqualByComparingTo("855.86");

        // 536381 has a quoted description with a comma: "AIRLINE LOUNGE,METAL SIGN",2,…,2.1
        var quoted = (Order) order(events, "536381").payload();
        assertThat(quoted.products()).anySatisfy(p -> {
            assertThat(p.productId()).isEqualTo("82567");
            assertThat(p.name()).isEqualTo("AIRLINE LOUNGE,METAL SIGN");
            assertThat(p.quantity()).isEqualTo(2);
        });

        // C536391: 7 cancelled lines, -12 x 1.65 … ; C536379: only "D,Discount,-1,…,27.5"
        var cancelled = order(events, "C536391");
        assertThat(cancelled.eventType()).isEqualTo(EventType.ORDER_CANCELLED);
        var cancelledOrder = (Order) cancelled.payload();
        assertThat(cancelledOrder.products()).hasSize(7).allSatisfy(p -> assertThat(p.quantity()).isPositive());
        assertThat(cancelledOrder.products().get(0).quantity()).isEqualTo(12);
        assertThat(cancelledOrder.subtotal()).isEqualByComparingTo("141.48");
        var discountOnly = (Order) order(events, "C536379").payload();
        assertThat(discountOnly.products()).isEmpty();
        assertThat(discountOnly.discount()).isEqualByComparingTo("27.5");
    }

    @Test
    void countsWhatItRejectsAndNeverThrows() throws IOException {
        var result = new OnlineRetailParser().parse(TestData.lines(HEADER,
                "1001,A1,GOOD,2,12/1/2010 8:26,1.50,42,United Kingdom",
                "1001,A2,,1,12/1/2010 8:26,0,42,United Kingdom",          // kept: no description, free
                "1001,A3,NEGATIVE,-2,12/1/2010 8:26,1.50,42,United Kingdom",
                "1001,A4,ZERO,0,12/1/2010 8:26,1.50,42,United Kingdom",
                "1001,A5,BAD PRICE,1,12/1/2010 8:26,1,50,42,United Kingdom", // 9 fields
                "1001,A6,BAD QTY,two,12/1/2010 8:26,1.50,42,United Kingdom",
                "1001,A7,BAD DATE,1,31/31/2010 8:26,1.50,42,United Kingdom",
                "1001,A8,NEG PRICE,1,12/1/2010 8:26,-1.50,42,United Kingdom",
                "1001,A9,NO PRICE,1,12/1/2010 8:26,,42,United Kingdom",
                "1002,B1,NO CUSTOMER,1,12/1/2010 9:00,1.00,,United Kingdom",
                "C1003,B2,\"RETURNED \"\"7\"\" FRAME\",-3,12/1/2010 9:10,2.00,43,France",
                ",B3,NO INVOICE,1,12/1/2010 9:00,1.00,44,United Kingdom",
                "not,a,csv,row"));

        assertThat(result.rows()).isEqualTo(13);
        assertThat(result.rejected()).containsOnly(entry("negative Quantity outside a cancellation", 1L),
                entry("zero Quantity", 1L), entry("wrong number of fields", 2L), entry("unreadable Quantity", 1L),
                entry("unreadable InvoiceDate", 1L), entry("negative UnitPrice", 1L),
                entry("unreadable UnitPrice", 1L), entry("missing CustomerID", 1L),
                entry("missing InvoiceNo or StockCode", 1L));
        assertThat(result.tolerated()).containsOnly(entry("empty Description", 1L), entry("zero UnitPrice", 1L),
                entry("negative Quantity in a cancellation (taken as positive)", 1L));
        assertThat(result.events()).hasSize(2);
        var kept = (Order) result.events().get(0).payload();
        assertThat(kept.orderId()).isEqualTo("1001");
        assertThat(kept.products()).extracting(p -> p.productId()).containsExactly("A1", "A2");
        assertThat(kept.total()).isEqualByComparingTo("3.00");
        var returned = (Order) result.events().get(1).payload();
        assertThat(result.events().get(1).eventType()).isEqualTo(EventType.ORDER_CANCELLED);
        assertThat(returned.products()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("RETURNED \"7\" FRAME");
            assertThat(p.quantity()).isEqualTo(3);
        });
    }

    @Test
    void readsTheVariantsUsersDownloadIsoTimesAndFloatCustomerIds() throws IOException {
        // the Kaggle copy of UCI Online Retail, as pandas writes it back: ISO timestamps, float customer ids
        var result = new OnlineRetailParser().parse(TestData.lines(HEADER,
                "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom",
                "536365,71053,WHITE METAL LANTERN,6,2010-12-01T08:26:00,3.39,17850.0,United Kingdom",
                "536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28,1.85,17850,United Kingdom",
                "536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,12/1/2010 8:34:00,1.69,13047.5,United Kingdom"));

        assertThat(result.rejected()).isEmpty();
        assertThat(result.events()).hasSize(3);
        assertThat(result.events()).extracting(EcomEvent::userId).containsExactly("17850", "17850", "13047.5");
        assertThat(order(result.events(), "536365").eventTime()).isEqualTo(java.time.Instant.parse("2010-12-01T08:26:00Z"));
        assertThat(((Order) order(result.events(), "536365").payload()).products()).hasSize(2);
    }

    private static EcomEvent order(List<EcomEvent> events, String invoice) {
        return events.stream().filter(e -> invoice.equals(((Order) e.payload()).orderId())).findFirst()
                .orElseThrow(() -> new AssertionError("no event for invoice " + invoice));
    }
}
