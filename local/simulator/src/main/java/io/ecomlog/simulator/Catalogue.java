package io.ecomlog.simulator;

import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.event.ProductAction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The products the synthetic shoppers browse and buy: every priced product found in the replayed data (REES46's
 * catalogue with categories and brands first, the Online Retail stock items otherwise), each once, with its price.
 * One currency per catalogue: REES46 prices are US dollars, Online Retail's are pounds.
 */
final class Catalogue {

    private final List<Product> products;
    private final Map<String, List<Product>> byCategory;
    private final String currency;

    private Catalogue(List<Product> products, String currency) {
        if (products.isEmpty()) {
            throw new IllegalArgumentException("no priced products in the data: the synthetic shoppers need a "
                    + "catalogue (give the REES46 or Online Retail file)");
        }
        this.products = List.copyOf(products);
        this.currency = currency;
        var grouped = new LinkedHashMap<String, List<Product>>();
        for (var p : products) {
            grouped.computeIfAbsent(p.category() == null ? "" : p.category(), c -> new ArrayList<>()).add(p);
        }
        this.byCategory = grouped;
    }

    /** The catalogue of the REES46 events if they hold priced products, else of the Online Retail orders. */
    static Catalogue from(List<EcomEvent> rees46, List<EcomEvent> onlineRetail) {
        var fromRees46 = products(rees46);
        if (!fromRees46.isEmpty()) {
            return new Catalogue(fromRees46, "USD");
        }
        return new Catalogue(products(onlineRetail), "GBP");
    }

    private static List<Product> products(List<EcomEvent> events) {
        var seen = new LinkedHashMap<String, Product>();
        for (var e : events) {
            if (e.payload() instanceof ProductAction a) {
                add(seen, a.product());
            } else if (e.payload() instanceof Order o && o.products() != null) {
                o.products().forEach(p -> add(seen, p));
            }
        }
        return new ArrayList<>(seen.values());
    }

    private static void add(Map<String, Product> seen, Product p) {
        if (p != null && p.price() != null && p.price().signum() > 0 && !seen.containsKey(p.productId())) {
            seen.put(p.productId(), Product.builder(p.productId()).name(p.name()).brand(p.brand())
                    .category(p.category()).categoryId(p.categoryId()).price(p.price()).build());
        }
    }

    Product any(Random random) {
        return products.get(random.nextInt(products.size()));
    }

    /** A product of the same category as {@code near} (two times in three), otherwise any. */
    Product near(Random random, Product near) {
        var sameCategory = byCategory.get(near.category() == null ? "" : near.category());
        if (sameCategory != null && sameCategory.size() > 1 && random.nextInt(3) < 2) {
            return sameCategory.get(random.nextInt(sameCategory.size()));
        }
        return any(random);
    }

    String currency() {
        return currency;
    }

    int size() {
        return products.size();
    }
}
