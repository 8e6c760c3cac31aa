package io.ecomlog.examples.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A tiny shop on Spring Boot with the ecomlog starter. Its catalogue is the products of the public REES46 sample in
 * {@code data/rees46} (or {@code shop.catalogue}). The controller tracks typed e-commerce events (search,
 * product view, add-to-cart, checkout, login) through the auto-configured {@code EcomlogClient}; the starter logs
 * every request as {@code http_access} and every unhandled exception as {@code app_error}. By default everything
 * lands in the local data lake {@code target/shop-lake}; with {@code --spring.profiles.active=aws} it goes to the
 * Kinesis stream {@code shop-events} ({@code application-aws.yml}). Try:
 *
 * <pre>
 * curl -c jar -b jar -X POST -d user=alice -d password=demo 127.0.0.1:8080/login
 * curl -c jar -b jar '127.0.0.1:8080/products?q=samsung+smartphone'
 * curl -c jar -b jar 127.0.0.1:8080/products/1004856
 * curl -c jar -b jar -X POST 127.0.0.1:8080/cart/1004856
 * curl -c jar -b jar -X POST 127.0.0.1:8080/checkout
 * curl 127.0.0.1:8080/payment-provider          # fails: an app_error event
 * curl 127.0.0.1:8080/actuator/health
 * </pre>
 */
@SpringBootApplication
public class ShopDemoApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopDemoApplication.class, args);
    }
}
