package io.ecomlog.publicdata;

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
        var result = new OnlineRetailParser().parse(TestData.dir().resolve(PublicData.ONLINE_RETAIL_FILE));

        // 1,071 data rows in 68 invoices, 4 of them cancellations (C…) holding the file's 10 negative quantities;
        // invoice 536414 is a single stock-adjustment row without CustomerID and without a price
        assertThat(result.rows()).isEqualTo(1071);
        assertThat(result.rejected()).containsOnly(entry(OnlineRetailParser.STOCK_ADJUSTMENT, 1L));
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
        var events = new OnlineRetailParser().parse(TestData.dir().resolve(PublicData.ONLINE_RETAIL_FILE)).events();

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
        // a credit note pays every line back, its discount line included
        assertThat(discountOnly.total()).isEqualByComparingTo("27.5");
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
                "1002,B1,NO CUSTOMER,1,12/1/2010 9:00,1.00,,United Kingdom",    // kept: a guest's order
                "1004,B4,ADJUSTMENT,56,12/1/2010 9:00,0,,United Kingdom",
                "C1003,B2,\"RETURNED \"\"7\"\" FRAME\",-3,12/1/2010 9:10,2.00,43,France",
                ",B3,NO INVOICE,1,12/1/2010 9:00,1.00,44,United Kingdom",
                "not,a,csv,row"));

        assertThat(result.rows()).isEqualTo(14);
        assertThat(result.rejected()).containsOnly(entry("negative Quantity outside a cancellation", 1L),
                entry("zero Quantity", 1L), entry("wrong number of fields", 2L), entry("unreadable Quantity", 1L),
                entry("unreadable InvoiceDate", 1L), entry("negative UnitPrice", 1L),
                entry("unreadable UnitPrice", 1L), entry(OnlineRetailParser.STOCK_ADJUSTMENT, 1L),
                entry("missing InvoiceNo or StockCode", 1L));
        assertThat(result.tolerated()).containsOnly(entry("empty Description", 1L), entry("zero UnitPrice", 1L),
                entry("negative Quantity in a cancellation (taken as positive)", 1L));
        assertThat(result.events()).hasSize(3);
        var kept = (Order) result.events().get(0).payload();
        assertThat(kept.orderId()).isEqualTo("1001");
        assertThat(kept.products()).extracting(p -> p.productId()).containsExactly("A1", "A2");
        assertThat(kept.total()).isEqualByComparingTo("3.00");
        var guest = result.events().get(1);
        assertThat(guest.userId()).isNull();
        assertThat(guest.anonymousId()).isEqualTo("invoice-1002");
        var returned = (Order) result.events().get(2).payload();
        assertThat(result.events().get(2).eventType()).isEqualTo(EventType.ORDER_CANCELLED);
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

    @Test
    void rowsWithoutACustomerAreGuestOrdersWithAStableAnonymousId() throws IOException {
        var rows = new String[] {HEADER,
                "581492,23562,SET OF 6 RIBBONS PERFECTLY PRETTY,2,12/9/2011 10:03,5.79,,United Kingdom",
                "581492,23561,SET OF 6 RIBBONS PARTY,1,12/9/2011 10:03,5.79,,United Kingdom",
                "581492,DOT,DOTCOM POSTAGE,1,12/9/2011 10:03,1120.71,,United Kingdom",
                "581498,85049A,TRADITIONAL CHRISTMAS RIBBONS,5,2011-12-09 10:26:00,3.29,,United Kingdom"};
        var first = new OnlineRetailParser().parse(TestData.lines(rows));
        var again = new OnlineRetailParser().parse(TestData.lines(rows));

        assertThat(first.rejected()).isEmpty();
        assertThat(first.events()).extracting(EcomEvent::anonymousId).containsExactly("invoice-581492",
                "invoice-581498");
        assertThat(again.events()).extracting(EcomEvent::anonymousId)
                .isEqualTo(first.events().stream().map(EcomEvent::anonymousId).toList());
        assertThat(first.events()).extracting(EcomEvent::userId).containsOnlyNulls();
        var big = (Order) order(first.events(), "581492").payload();
        assertThat(big.products()).hasSize(2);
        assertThat(big.subtotal()).isEqualByComparingTo("17.37");
        assertThat(big.shipping()).isEqualByComparingTo("1120.71");
        assertThat(big.total()).isEqualByComparingTo("1138.08");
    }

    @Test
    void theMoneyRulesForPostageDiscountsFeesAndCreditNotes() throws IOException {
        var events = new OnlineRetailParser().parse(TestData.lines(HEADER,
                "2001,A1,LAMP,2,12/1/2010 8:00,10.00,7,United Kingdom",
                "2001,POST,POSTAGE,1,12/1/2010 8:00,18.00,7,United Kingdom",
                "2001,M,Manual,1,12/1/2010 8:00,2.50,7,United Kingdom",
                "2001,BANK CHARGES,Bank Charges,1,12/1/2010 8:00,15.00,7,United Kingdom",
                "2001,D,Discount,1,12/1/2010 8:00,5.00,7,United Kingdom",
                "C2002,A1,LAMP,-1,12/2/2010 8:00,10.00,7,United Kingdom",
                "C2002,POST,POSTAGE,-1,12/2/2010 8:00,18.00,7,United Kingdom",
                "C2002,D,Discount,-1,12/2/2010 8:00,3.00,7,United Kingdom",
                "2003,D,Discount,1,12/3/2010 8:00,4.00,7,United Kingdom")).events();

        var sale = (Order) order(events, "2001").payload();
        assertThat(sale.products()).extracting(p -> p.productId()).containsExactly("A1");
        assertThat(sale.subtotal()).isEqualByComparingTo("20.00");
        assertThat(sale.revenue()).isEqualByComparingTo("20.00");
        assertThat(sale.shipping()).isEqualByComparingTo("18.00");
        assertThat(sale.discount()).isEqualByComparingTo("5.00");
        assertThat(order(events, "2001").properties().get("fees")).isEqualTo(new java.math.BigDecimal("17.50"));
        assertThat(sale.total()).isEqualByComparingTo("50.50"); // 20 + 18 + 17.50 - 5

        var credit = (Order) order(events, "C2002").payload();
        assertThat(credit.total()).isEqualByComparingTo("31.00"); // 10 + 18 + 3, all paid back

        var onlyDiscount = (Order) order(events, "2003").payload();
        assertThat(onlyDiscount.total()).isEqualByComparingTo("0");
        assertThat(OnlineRetailParser.LineKind.of("m")).isEqualTo(OnlineRetailParser.LineKind.FEE);
        assertThat(OnlineRetailParser.LineKind.of("85123A")).isEqualTo(OnlineRetailParser.LineKind.PRODUCT);
    }

    @Test
    void aDiscountOverTheRestOfASaleIsCounted() throws IOException {
        var result = new OnlineRetailParser().parse(TestData.lines(HEADER,
                "2003,D,Discount,1,12/3/2010 8:00,4.00,7,United Kingdom"));
        assertThat(result.tolerated()).containsOnly(entry(OnlineRetailParser.DISCOUNT_OVER_TOTAL, 1L));
    }

    private static EcomEvent order(List<EcomEvent> events, String invoice) {
        return events.stream().filter(e -> invoice.equals(((Order) e.payload()).orderId())).findFirst()
                .orElseThrow(() -> new AssertionError("no event for invoice " + invoice));
    }
}
