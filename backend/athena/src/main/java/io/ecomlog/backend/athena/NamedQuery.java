package io.ecomlog.backend.athena;


import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One Athena named query: its name (the file name), the description from its leading {@code --} comment lines, and
 * its SQL in Trino's dialect with {@code ?} parameters (Athena's {@code EXECUTE … USING}, a JDBC prepared statement
 * on DuckDB). The files live in {@code src/main/resources/io/ecomlog/backend/athena/queries}, one per query.
 */
public record NamedQuery(String name, String description, String sql) {

    /** Every named query, in the order docs/data-lake.md lists them. */
    public static final List<String> NAMES = List.of("unique_visitors_per_day", "cart_abandonment_per_day",
            "top_categories_per_hour", "top_categories_per_weekday", "brands_needing_marketing",
            "sales_and_conversion_by_product", "revenue_per_day_by_currency", "failed_logins",
            "error_rates_per_endpoint_per_hour", "order_history", "funnel");

    private static final String FOLDER = "io/ecomlog/backend/athena/queries/";

    public static List<NamedQuery> all() {
        return NAMES.stream().map(NamedQuery::load).toList();
    }

    public static NamedQuery load(String name) {
        try (InputStream in = NamedQuery.class.getClassLoader().getResourceAsStream(FOLDER + name + ".sql")) {
            if (in == null) {
                throw new IllegalArgumentException("no named query " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String description = text.lines().takeWhile(l -> l.startsWith("--"))
                    .map(l -> l.substring(2).strip()).collect(Collectors.joining(" "));
            return new NamedQuery(name, description, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
