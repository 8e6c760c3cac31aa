package io.ecomlog.examples.shop;

import io.ecomlog.event.Product;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shop's products, taken from the repository's copy of the public REES46 sample
 * ({@code examples/data/rees46/2019-Oct-sample.csv}: {@code event_time,event_type,product_id,category_id,
 * category_code,brand,price,user_id,user_session}). Each distinct {@code product_id} becomes one product, with the
 * brand, category and price of its first row. Empty brands and category codes are common in the data: those fields
 * are left out. The data has no product names, so the name is made of the brand and the last part of the category.
 *
 * <p>The file is {@code shop.catalogue} when that is set. Otherwise it is looked for relative to the working
 * directory, from the repository root ({@code data/...}) or from {@code examples/shop-demo}
 * ({@code ../../data/...}).
 */
@Component
class Catalogue {

    static final String SAMPLE = "data/rees46/2019-Oct-sample.csv";
    static final List<Path> CANDIDATES = List.of(Path.of(SAMPLE), Path.of("..", "..", SAMPLE));

    private static final int FIELDS = 9;

    private final Map<String, Product> products;
    private final Path source;

    Catalogue(@Value("${shop.catalogue:}") String configured) {
        this.source = resolve(configured);
        this.products = Collections.unmodifiableMap(load(source));
        if (products.isEmpty()) {
            throw new IllegalStateException("no products in " + source.toAbsolutePath());
        }
    }

    static Path resolve(String configured) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.trim());
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("shop.catalogue=" + configured + " is not a readable file (from "
                        + Path.of("").toAbsolutePath() + ")");
            }
            return path;
        }
        return CANDIDATES.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() ->
                new IllegalStateException("the REES46 sample was not found at " + CANDIDATES + " from "
                        + Path.of("").toAbsolutePath() + ": start the shop from the repository root or from "
                        + "examples/shop-demo, or set shop.catalogue=/path/to/2019-Oct-sample.csv"));
    }

    static Map<String, Product> load(Path file) {
        var out = new LinkedHashMap<String, Product>();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                Product p = parse(line);
                if (p != null) {
                    out.putIfAbsent(p.productId(), p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("reading the catalogue " + file, e);
        }
        return out;
    }

    /** One CSV row as a product, or null for the header and rows that cannot make one. */
    static Product parse(String line) {
        if (line.isBlank() || line.startsWith("event_time,") || line.startsWith("\uFEFFevent_time,")) {
            return null;
        }
        String[] f = line.split(",", -1); // the sample has no quoted fields
        if (f.length != FIELDS || f[2].isBlank()) {
            return null;
        }
        BigDecimal price;
        try {
            price = new BigDecimal(f[6].trim());
        } catch (NumberFormatException e) {
            return null;
        }
        String id = f[2].trim();
        String brand = blankToNull(f[5]);
        String categoryCode = blankToNull(f[4]);
        String category = categoryCode == null ? null : categoryCode.replace('.', '/');
        return Product.builder(id).name(name(id, brand, categoryCode)).brand(brand).category(category)
                .categoryId(blankToNull(f[3])).price(price).build();
    }

    private static String name(String id, String brand, String categoryCode) {
        String kind = categoryCode == null ? null
                : categoryCode.substring(categoryCode.lastIndexOf('.') + 1).replace('_', ' ');
        if (brand == null && kind == null) {
            return "product " + id;
        }
        if (brand == null) {
            return kind + " " + id;
        }
        String b = Character.toUpperCase(brand.charAt(0)) + brand.substring(1);
        return kind == null ? b + " " + id : b + " " + kind;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    Optional<Product> find(String id) {
        return Optional.ofNullable(products.get(id));
    }

    /** Products whose name, brand or category contain every word of {@code query} (all products for none). */
    List<Product> search(String query) {
        String[] words = Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(w -> !w.isEmpty()).toArray(String[]::new);
        var hits = new ArrayList<Product>();
        for (Product p : products.values()) {
            String text = (p.name() + " " + nullToEmpty(p.brand()) + " " + nullToEmpty(p.category()))
                    .toLowerCase(Locale.ROOT);
            if (Arrays.stream(words).allMatch(text::contains)) {
                hits.add(p);
            }
        }
        return hits;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    Collection<Product> all() {
        return products.values();
    }

    int size() {
        return products.size();
    }

    Path source() {
        return source;
    }
}
