package io.ecomlog.examples.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A tiny shop on Spring Boot with the ecomlog starter: the controller tracks typed e-commerce events through the
 * auto-configured {@code EcomlogClient}; the starter logs every request as {@code http_access} and every unhandled
 * exception as {@code app_error}; everything lands in {@code target/shop-lake}. Try:
 *
 * <pre>
 * curl -c jar -b jar '127.0.0.1:8080/products?q=phone'
 * curl -c jar -b jar 127.0.0.1:8080/products/P-1001
 * curl -c jar -b jar -X POST 127.0.0.1:8080/cart/P-1001
 * curl -c jar -b jar -X POST -H 'X-User-Id: u-42' 127.0.0.1:8080/checkout
 * curl 127.0.0.1:8080/actuator/health
 * </pre>
 */
@SpringBootApplication
public class ShopDemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopDemoApplication.class, args);
    }
}
