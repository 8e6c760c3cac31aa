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
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses the REES46 "eCommerce behavior data from multi category store" CSV
 * ({@code event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session}) into
 * product events:
 * <ul>
 *   <li>{@code view} → {@code product_viewed}, {@code cart} → {@code product_added},
 *       {@code remove_from_cart} → {@code product_removed};</li>
 *   <li>{@code purchase} → {@code order_completed} with the one product (quantity 1). The data has no order id, so
 *       one is made from the session, product and time: {@code rees46-<session>-<product>-<epoch second>}.</li>
 * </ul>
 * The category code {@code appliances.environment.water_heater} becomes the path
 * {@code appliances/environment/water_heater}. Empty brands, category codes, user ids and sessions are common: the row
 * is kept with the field left out, and counted under {@link ParseResult#tolerated()}. Rows that cannot make an event
 * (wrong field count, unreadable time or price, unknown type, no product id) are counted under
 * {@link ParseResult#rejected()}. The dataset does not state its currency, so none is set.
 */
public final class Rees46Parser {

    /** The name of this file's source in a {@link ParseResult}. */
    public static final String SOURCE = "rees46";

    /**
     * The monthly files write {@code 2019-10-01 00:00:00 UTC}; re-exports write ISO-8601 ({@code T}, fractions,
     * {@code Z} or an offset such as {@code +03:00} or {@code +0300}) or no zone at all, which is taken as UTC.
     */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral("UTC").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final int FIELDS = 9;
    private static final Pattern FLOAT_ID = Pattern.compile("\\d+\\.0+");

    /** Parses a file (UTF-8; undecodable bytes are replaced, not fatal). */
    public ParseResult parse(Path file) throws IOException {
        try (var reader = TextFiles.reader(file)) {
            return parse(reader);
        }
    }

    public ParseResult parse(BufferedReader reader) throws IOException {
        var result = new ParseResult(SOURCE);
        String line;
        boolean first = true;
        while ((line = reader.readLine()) != null) {
            if (first) {
                first = false;
                if (TextFiles.stripBom(line).startsWith("event_time,")) {
                    continue; // the header
                }
            }
            if (line.isBlank()) {
                continue;
            }
            result.row();
            parseRow(line, result);
        }
        return result;
    }

    private static void parseRow(String line, ParseResult result) {
        List<String> f = Csv.split(line);
        if (f == null || f.size() != FIELDS) {
            result.reject("wrong number of fields");
            return;
        }
        Instant time;
        try {
            time = eventTime(f.get(0).trim());
        } catch (DateTimeParseException e) {
            result.reject("unreadable event_time");
            return;
        }
        String type = f.get(1).trim();
        String productId = integral(f.get(2).trim());
        if (productId.isEmpty()) {
            result.reject("missing product_id");
            return;
        }
        BigDecimal price = null;
        String priceText = f.get(6).trim();
        if (priceText.isEmpty()) {
            result.tolerate("empty price");
        } else {
            try {
                price = new BigDecimal(priceText);
            } catch (NumberFormatException e) {
                result.reject("unreadable price");
                return;
            }
            if (price.signum() < 0) {
                result.reject("negative price");
                return;
            }
        }
        String categoryCode = blankToNull(f.get(4));
        if (categoryCode == null) {
            result.tolerate("empty category_code");
        }
        String brand = blankToNull(f.get(5));
        if (brand == null) {
            result.tolerate("empty brand");
        }
        String userId = blankToNull(integral(f.get(7).trim()));
        if (userId == null) {
            result.tolerate("empty user_id");
        }
        String session = blankToNull(f.get(8));
        if (session == null) {
            result.tolerate("empty user_session");
        }
        var product = Product.builder(productId)
                .categoryId(blankToNull(f.get(3)))
                .category(categoryCode == null ? null : categoryCode.replace('.', '/'))
                .brand(brand)
                .price(price);
        EcomEvent.Builder event;
        switch (type) {
            case "view" -> event = Events.productViewed(product.build());
            case "cart" -> event = Events.productAdded(product.quantity(1).build());
            case "remove_from_cart" -> event = Events.productRemoved(product.quantity(1).build());
            case "purchase" -> {
                var orderId = "rees46-" + (session == null ? "nosession" : session) + "-" + productId + "-"
                        + time.getEpochSecond();
                event = Events.orderCompleted(Order.builder().orderId(orderId)
                        .products(List.of(product.quantity(1).build()))
                        .subtotal(price).revenue(price).total(price).build());
            }
            default -> {
                result.reject("unknown event_type");
                return;
            }
        }
        try {
            result.event(event.eventTime(time).userId(userId).sessionId(session).build());
        } catch (EventValidationException e) {
            result.reject("invalid event");
        }
    }

    static Instant eventTime(String text) {
        var parsed = TIME.parse(text);
        var local = LocalDateTime.from(parsed);
        return parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? local.toInstant(ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)))
                : local.toInstant(ZoneOffset.UTC);
    }

    /** {@code 541312140.0} (an id that went through a spreadsheet or pandas) as {@code 541312140}. */
    static String integral(String id) {
        return FLOAT_ID.matcher(id).matches() ? id.substring(0, id.indexOf('.')) : id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
