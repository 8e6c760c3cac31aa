package io.ecomlog.examples.shop;

import io.ecomlog.event.Events;
import io.ecomlog.event.Order;
import io.ecomlog.event.Product;
import io.ecomlog.event.Search;
import io.ecomlog.pipeline.EcomlogClient;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Catalogue (from the REES46 sample), search, cart, checkout and login, each step tracked as a typed ecomlog event;
 * {@code /payment-provider} fails, and the starter turns that into an {@code app_error} event.
 */
@RestController
class ShopController {

    /** The HttpSession attribute holding the logged-in user. */
    static final String USER = "user";

    private final EcomlogClient ecomlog;
    private final Catalogue catalogue;
    private final String demoPassword;

    ShopController(EcomlogClient ecomlog, Catalogue catalogue,
                   @Value("${shop.demo-password:demo}") String demoPassword) {
        this.ecomlog = ecomlog;
        this.catalogue = catalogue;
        this.demoPassword = demoPassword;
    }

    /** Search by words in the name, brand or category; {@code result_count} is the number of all hits. */
    @GetMapping("/products")
    List<Product> search(@RequestParam(name = "q", defaultValue = "") String query,
                         @RequestParam(name = "limit", defaultValue = "20") int limit,
                         @RequestHeader(name = "X-User-Id", required = false) String userId, HttpSession session) {
        var hits = catalogue.search(query);
        ecomlog.track(Events.productsSearched(new Search(query, hits.size(), null, null))
                .sessionId(session.getId()).userId(user(userId, session)).build());
        return hits.subList(0, Math.min(Math.max(limit, 0), hits.size()));
    }

    @GetMapping("/products/{id}")
    Product view(@PathVariable String id, @RequestHeader(name = "X-User-Id", required = false) String userId,
                 HttpSession session) {
        var product = find(id);
        ecomlog.track(Events.productViewed(product).sessionId(session.getId()).userId(user(userId, session)).build());
        return product;
    }

    @PostMapping("/cart/{id}")
    Map<String, Object> add(@PathVariable String id, @RequestHeader(name = "X-User-Id", required = false) String userId,
                            HttpSession session) {
        var product = find(id).toBuilder().quantity(1).build();
        cart(session).add(product);
        ecomlog.track(Events.productAdded(product, cartId(session)).sessionId(session.getId())
                .userId(user(userId, session)).build());
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
        ecomlog.track(Events.orderCompleted(order).currency("EUR").sessionId(session.getId())
                .userId(user(userId, session)).build());
        items.clear();
        return order;
    }

    /** {@code {"user": "...", "password": "..."}}. */
    record Credentials(String user, String password) {
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> loginJson(@RequestBody Credentials credentials, HttpSession session) {
        return login(credentials.user(), credentials.password(), session);
    }

    /** {@code user=...&password=...} as a form (or query parameters). Every user has the demo password. */
    @PostMapping("/login")
    ResponseEntity<Map<String, Object>> loginForm(@RequestParam(name = "user", required = false) String user,
                                                  @RequestParam(name = "password", required = false) String password,
                                                  HttpSession session) {
        return login(user, password, session);
    }

    private ResponseEntity<Map<String, Object>> login(String user, String password, HttpSession session) {
        String reason = user == null || user.isBlank() ? "missing_user"
                : demoPassword.equals(password) ? null : "bad_password";
        if (reason != null) {
            session.removeAttribute(USER);
            ecomlog.track(Events.loginFailed("password", reason).sessionId(session.getId()).build());
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", reason));
        }
        session.setAttribute(USER, user.trim());
        ecomlog.track(Events.loginSucceeded("password").sessionId(session.getId()).userId(user.trim()).build());
        return ResponseEntity.ok(Map.of(USER, user.trim()));
    }

    /** An unhandled exception: the starter turns it into an app_error event (and a 500 http_access line). */
    @GetMapping("/payment-provider")
    String paymentProvider() {
        throw new IllegalStateException("payment provider timed out");
    }

    private Product find(String id) {
        return catalogue.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no product " + id));
    }

    /** The logged-in user, else the {@code X-User-Id} header (may be null). */
    private static String user(String header, HttpSession session) {
        Object loggedIn = session.getAttribute(USER);
        return loggedIn != null ? loggedIn.toString() : header;
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
