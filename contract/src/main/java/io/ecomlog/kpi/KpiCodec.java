package io.ecomlog.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the JSON form of a {@link SalesKpi} (snake_case, ISO-8601 times with ms, decimals as strings, one
 * line), as {@code sales-kpi.schema.json} describes it. Thread-safe.
 */
public final class KpiCodec {

    /** The classpath location of the JSON Schema of a KPI record. */
    public static final String SCHEMA_RESOURCE = "/io/ecomlog/kpi/sales-kpi.schema.json";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper = new ObjectMapper();

    public byte[] encode(SalesKpi k) {
        ObjectNode o = mapper.createObjectNode();
        o.put("record_type", SalesKpi.RECORD_TYPE);
        o.put("schema_version", SalesKpi.CURRENT_SCHEMA_VERSION);
        o.put("kpi_id", k.kpiId());
        o.put("shop", k.shop());
        o.put("window_start", TIME.format(k.windowStart()));
        o.put("window_end", TIME.format(k.windowEnd()));
        o.put("orders", k.orders());
        ObjectNode revenue = o.putObject("revenue");
        k.revenueByCurrency().forEach((currency, amount) -> revenue.put(currency, amount.toPlainString()));
        o.put("items_sold", k.itemsSold());
        var top = o.putArray("top_products");
        k.topProducts().forEach(p -> top.addObject().put("product_id", p.productId()).put("units", p.units()));
        o.put("sessions", k.sessions());
        o.put("sessions_with_order", k.sessionsWithOrder());
        o.put("conversion_rate", k.conversionRate().toPlainString());
        o.put("events", k.events());
        try {
            return mapper.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /** Whether this parsed line is a KPI record (rather than an alert or an event). */
    public static boolean isKpi(JsonNode line) {
        return line != null && SalesKpi.RECORD_TYPE.equals(line.path("record_type").asText(null));
    }

    /** Reads one KPI line; anything that is not one fails with an {@link IllegalArgumentException} naming why. */
    public SalesKpi decode(byte[] json) {
        JsonNode o;
        try {
            o = mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (!isKpi(o)) {
            throw new IllegalArgumentException("record_type is not " + SalesKpi.RECORD_TYPE);
        }
        Map<String, BigDecimal> revenue = new LinkedHashMap<>();
        o.path("revenue").fields().forEachRemaining(e -> revenue.put(e.getKey(), new BigDecimal(e.getValue().asText())));
        List<SalesKpi.ProductSales> top = new ArrayList<>();
        o.path("top_products").forEach(p -> top.add(new SalesKpi.ProductSales(p.path("product_id").asText(),
                p.path("units").asLong())));
        return new SalesKpi(text(o, "shop"), time(o, "window_start"), time(o, "window_end"), o.path("orders").asLong(),
                revenue, o.path("items_sold").asLong(), top, o.path("sessions").asLong(),
                o.path("sessions_with_order").asLong(), o.path("events").asLong());
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return v.asText();
    }

    private static Instant time(JsonNode o, String field) {
        try {
            return Instant.parse(text(o, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not an ISO-8601 time", e);
        }
    }
}
