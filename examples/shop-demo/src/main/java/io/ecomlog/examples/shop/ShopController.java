package io.ecomlog.examples.shop;

import io.ecomlog.event.Events;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.pipeline.EcomlogClient;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Catalogue, search, cart and checkout, each step tracked as a typed ecomlog event. */
@RestController
class ShopController {

    private static final Map<String, Product> CATALOGUE = new LinkedHashMap<>();

    static {
        for (var p : List.of(
                Product.builder("P-1001").sku("IP15-128-BLK").name("iPhone 15").brand("Apple")
                        .category("electronics/smartphone").price("799.00").build(),
                Product.builder("P-1002").sku("PX8-128-OBS").name("Pixel 8").brand("Google")
                        .category("electronics/smartphone").price("699.00").build(),
                Product.builder("P-2001").sku("USB-C-1M").name("USB-C cable 1 m").brand("Anker")
                        .category("electronics/accessories").price("12.99").build())) {
            CATALOGUE.put(p.productId(), p);
        }
    }

    private final EcomlogClient ecomlog;

    ShopController(EcomlogClient ecomlog) {
        this.ecomlog = ecomlog;
    }

    @GetMapping("/products")
    List<Product> search(@RequestParam(name = "q", defaultValue = "") String query, HttpSession session) {
        var needle = query.toLowerCase(Locale.ROOT);
        var hits = CATALOGUE.values().stream()
                .filter(p -> (p.name() + " " + p.category()).toLowerCase(Locale.ROOT).contains(needle)).toList();
        ecomlog.track(Events.productsSearched(query).sessionId(session.getId()).build());
        return hits;
    }

    @GetMapping("/products/{id}")
    Product view(@PathVariable String id, HttpSession session) {
        var product = find(id);
        ecomlog.track(Events.productViewed(product).sessionId(session.getId()).build());
        return product;
    }

    @PostMapping("/cart/{id}")
    Map<String, Object> add(@PathVariable String id, HttpSession session) {
        var product = find(id).toBuilder().quantity(1).build();
        cart(session).add(product);
        ecomlog.track(Events.productAdded(product, cartId(session)).sessionId(session.getId()).build());
        return Map.of("cartId", cartId(session), "items", cart(session).size());
    }

    @PostMapping("/checkout")
    Order checkout(@RequestHeader(name = "X-User-Id", required = false) String userId, HttpSession session) {
        var items = cart(session);
        if (items.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the cart is empty");
        }
        BigDecimal subtotal = items.stream().map(Product::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal shipping = new BigDecimal("4.90");
        var order = Order.builder().orderId("O-" + UUID.randomUUID()).subtotal(subtotal).shipping(shipping)
                .total(subtotal.add(shipping)).products(List.copyOf(items)).build();
        ecomlog.track(Events.orderCompleted(order).currency("EUR").sessionId(session.getId()).userId(userId)
                .build());
        items.clear();
        return order;
    }

    /** An unhandled exception: the starter turns it into an app_error event (and a 500 http_access line). */
    @GetMapping("/payment-provider")
    String paymentProvider() {
        throw new IllegalStateException("payment provider timed out");
    }

    private static Product find(String id) {
        var product = CATALOGUE.get(id);
        if (product == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no product " + id);
        }
        return product;
    }

    @SuppressWarnings("unchecked")
    private static List<Product> cart(HttpSession session) {
        var cart = (List<Product>) session.getAttribute("cart");
        if (cart == null) {
            cart = new ArrayList<>();
            session.setAttribute("cart", cart);
        }
        return cart;
    }

    private static String cartId(HttpSession session) {
        return "C-" + session.getId();
    }
}
