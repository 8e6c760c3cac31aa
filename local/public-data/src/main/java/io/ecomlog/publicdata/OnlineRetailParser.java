package io.ecomlog.publicdata;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventValidationException;
import io.ecomlog.event.Events;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the UCI "Online Retail" CSV
 * ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}): one row per invoice
 * line, grouped by {@code InvoiceNo} into one event per invoice:
 * <ul>
 *   <li>an invoice number starting with {@code C} is a credit note → {@code order_cancelled}, its (negative)
 *       quantities taken as positive amounts;</li>
 *   <li>any other → {@code order_completed}.</li>
 * </ul>
 * An invoice without {@code CustomerID} is a guest's order: it gets the anonymous id {@code invoice-<InvoiceNo>},
 * stable per invoice as a shop without accounts would give it, and no user id.
 *
 * <p>The money of an order, by {@link LineKind} of stock code (amounts in pounds sterling, the dataset's currency):
 * product lines make the {@code subtotal} (and {@code revenue}, the merchandise sold); postage ({@code POST},
 * {@code DOT}, {@code C2}) the {@code shipping}; {@code D} lines the {@code discount}; manual lines, bank charges,
 * fees, commissions, samples and bad-debt adjustments ({@code M}, {@code BANK CHARGES}, {@code AMAZONFEE},
 * {@code CRUK}, {@code S}, {@code B}) are no merchandise: they count in the total only (property {@code fees}). The
 * {@code total} of a sale is {@code subtotal + shipping + fees − discount} (at least 0); the total of a credit note is
 * the sum of all its lines, a discount line included, since every line of a credit note is money back to the customer.
 *
 * <p>Invoice dates ({@code M/D/YYYY H:MM}, or ISO {@code 2010-12-01 08:26:00} as in the Kaggle copy; UK time in
 * winter) are read as UTC; customer ids written as floats ({@code 17850.0}) are read as the integer id.
 *
 * <p>Rows rejected (counted by reason in {@link ParseResult#rejected()}, their invoice keeps the other lines): wrong
 * field count, unreadable numbers or dates, a zero quantity, a negative quantity outside a credit note, a negative
 * price, and a row with neither customer nor price (the dataset's stock adjustments: nobody bought anything). An
 * invoice left with no line makes no event.
 */
public final class OnlineRetailParser {

    /** The UCI file's {@code 12/1/2010 8:26}, and the ISO forms of the copies users download (Kaggle, CSV exports). */
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ofPattern("M/d/yyyy H:mm"),
            DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss"), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"),
            DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    /** The name of this file's source in a {@link ParseResult}. */
    public static final String SOURCE = "online-retail";
    /** The anonymous id of a guest's invoice. */
    public static final String GUEST_PREFIX = "invoice-";
    public static final String STOCK_ADJUSTMENT = "no CustomerID and zero UnitPrice (a stock adjustment)";
    public static final String DISCOUNT_OVER_TOTAL = "discount larger than the rest of the sale (total 0)";
    private static final int FIELDS = 8;
    static final String CURRENCY = "GBP";

    private record Line(String invoice, String stockCode, String description, int quantity, Instant time,
                        BigDecimal unitPrice, String customerId, String country) {
    }

    /** Parses a file (UTF-8; undecodable bytes are replaced, not fatal). */
    public ParseResult parse(Path file) throws IOException {
        try (var reader = TextFiles.reader(file)) {
            return parse(reader);
        }
    }

    public ParseResult parse(BufferedReader reader) throws IOException {
        var result = new ParseResult(SOURCE);
        var invoices = new LinkedHashMap<String, List<Line>>();
        String text;
        boolean first = true;
        while ((text = reader.readLine()) != null) {
            if (first) {
                first = false;
                if (TextFiles.stripBom(text).startsWith("Invoice")) { // "InvoiceNo," (UCI) or "Invoice," (Online Retail II)
                    continue;
                }
            }
            if (text.isBlank()) {
                continue;
            }
            result.row();
            var line = parseRow(text, result);
            if (line != null) {
                invoices.computeIfAbsent(line.invoice(), k -> new ArrayList<>()).add(line);
            }
        }
        invoices.forEach((invoice, lines) -> toEvent(invoice, lines, result));
        return result;
    }

    private static Line parseRow(String text, ParseResult result) {
        List<String> f = Csv.split(text);
        if (f == null || f.size() != FIELDS) {
            result.reject("wrong number of fields");
            return null;
        }
        String invoice = f.get(0).trim();
        String stockCode = f.get(1).trim();
        if (invoice.isEmpty() || stockCode.isEmpty()) {
            result.reject("missing InvoiceNo or StockCode");
            return null;
        }
        int quantity;
        BigDecimal price;
        Instant time;
        try {
            quantity = Integer.parseInt(f.get(3).trim());
        } catch (NumberFormatException e) {
            result.reject("unreadable Quantity");
            return null;
        }
        try {
            price = new BigDecimal(f.get(5).trim());
        } catch (NumberFormatException e) {
            result.reject("unreadable UnitPrice");
            return null;
        }
        try {
            time = invoiceTime(f.get(4).trim());
        } catch (DateTimeParseException e) {
            result.reject("unreadable InvoiceDate");
            return null;
        }
        String customer = customerId(f.get(6).trim());
        boolean cancellation = invoice.startsWith("C");
        if (quantity == 0) {
            result.reject("zero Quantity");
            return null;
        }
        if (quantity < 0 && !cancellation) {
            result.reject("negative Quantity outside a cancellation");
            return null;
        }
        if (price.signum() < 0) {
            result.reject("negative UnitPrice");
            return null;
        }
        if (customer.isEmpty() && price.signum() == 0) {
            result.reject(STOCK_ADJUSTMENT);
            return null;
        }
        if (quantity < 0) {
            result.tolerate("negative Quantity in a cancellation (taken as positive)");
        }
        String description = f.get(2).trim();
        if (description.isEmpty()) {
            result.tolerate("empty Description");
        }
        if (price.signum() == 0) {
            result.tolerate("zero UnitPrice");
        }
        return new Line(invoice, stockCode, description.isEmpty() ? null : description, Math.abs(quantity), time,
                price, customer, f.get(7).trim());
    }

    private static Instant invoiceTime(String text) {
        DateTimeParseException last = null;
        for (var format : DATES) {
            try {
                return LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Copies read through pandas write customer ids as floats ({@code 17850.0}): the same customer as 17850. */
    private static String customerId(String text) {
        return text.endsWith(".0") && text.length() > 2 && text.chars().limit(text.length() - 2L)
                .allMatch(Character::isDigit) ? text.substring(0, text.length() - 2) : text;
    }

    /** How a line counts toward its order's money; see the class comment. */
    public enum LineKind {
        PRODUCT, SHIPPING, DISCOUNT, FEE;

        private static final Set<String> SHIPPING_CODES = Set.of("POST", "DOT", "C2");
        private static final Set<String> FEE_CODES = Set.of("M", "BANK CHARGES", "AMAZONFEE", "CRUK", "S", "B");

        public static LineKind of(String stockCode) {
            String code = stockCode.toUpperCase(Locale.ROOT);
            if (SHIPPING_CODES.contains(code)) {
                return SHIPPING;
            } else if (code.equals("D")) {
                return DISCOUNT;
            }
            return FEE_CODES.contains(code) ? FEE : PRODUCT;
        }
    }

    private static void toEvent(String invoice, List<Line> lines, ParseResult result) {
        var products = new ArrayList<Product>();
        var amounts = new EnumMap<LineKind, BigDecimal>(LineKind.class);
        for (var kind : LineKind.values()) {
            amounts.put(kind, BigDecimal.ZERO);
        }
        for (var line : lines) {
            var kind = LineKind.of(line.stockCode());
            amounts.merge(kind, line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())), BigDecimal::add);
            if (kind == LineKind.PRODUCT) {
                products.add(Product.builder(line.stockCode()).name(line.description()).price(line.unitPrice())
                        .quantity(line.quantity()).build());
            }
        }
        boolean creditNote = invoice.startsWith("C");
        var subtotal = amounts.get(LineKind.PRODUCT);
        var shipping = amounts.get(LineKind.SHIPPING);
        var fees = amounts.get(LineKind.FEE);
        var discount = amounts.get(LineKind.DISCOUNT);
        var total = creditNote ? subtotal.add(shipping).add(fees).add(discount)
                : subtotal.add(shipping).add(fees).subtract(discount);
        if (total.signum() < 0) {
            result.tolerate(DISCOUNT_OVER_TOTAL);
            total = BigDecimal.ZERO;
        }
        var first = lines.get(0);
        var order = Order.builder().orderId(invoice).products(products)
                .subtotal(subtotal).revenue(subtotal)
                .shipping(shipping.signum() == 0 ? null : shipping)
                .discount(discount.signum() == 0 ? null : discount)
                .total(total);
        EcomEvent.Builder event = creditNote
                ? Events.orderCancelled(order.reason("cancelled_invoice").build())
                : Events.orderCompleted(order.build());
        if (first.customerId().isEmpty()) {
            event.anonymousId(GUEST_PREFIX + invoice);
        } else {
            event.userId(first.customerId());
        }
        try {
            result.event(event.eventTime(first.time()).currency(CURRENCY)
                    .property("country", first.country().isEmpty() ? null : first.country())
                    .property("fees", fees.signum() == 0 ? null : fees)
                    .property("source_rows", lines.size())
                    .build());
        } catch (EventValidationException e) {
            result.reject("invalid event", lines.size());
        }
    }
}
