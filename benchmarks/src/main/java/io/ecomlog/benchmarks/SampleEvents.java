package io.ecomlog.benchmarks;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.Events;
import io.ecomlog.event.Product;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The realistic event the benchmarks send: a {@code product_viewed} with a product (id, name, brand, category,
 * price), a user id, a session id and a currency: about 350 bytes of JSON once encoded with its {@code sent_at}. {@code i} varies the product,
 * user and session (so partition keys spread as in real traffic) while the size stays within a few bytes.
 */
public final class SampleEvents {

    private static final String[] BRANDS = {"samsung", "apple", "xiaomi", "huawei", "lenovo", "sony", "lg", "bosch"};
    private static final String[] CATEGORIES = {"electronics/smartphone", "electronics/audio/headphone",
            "appliances/kitchen/washer", "computers/notebook", "electronics/video/tv", "appliances/environment/vacuum"};

    private SampleEvents() {
    }

    /** The product of event {@code i}. */
    public static Product product(long i) {
        int n = (int) Math.floorMod(i, 50_000L);
        return Product.builder("P-" + (1_000_000 + n))
                .name("Galaxy A" + (10 + n % 90))
                .brand(BRANDS[n % BRANDS.length])
                .category(CATEGORIES[n % CATEGORIES.length])
                .price((199 + n % 700) + ".99")
                .build();
    }

    /** Event {@code i}: built now, so with a fresh event id and the current time. */
    public static EcomEvent productViewed(long i) {
        return Events.productViewed(product(i))
                .userId("u-" + (10_000_000 + Math.floorMod(i * 7919, 1_000_000L)))
                .sessionId(new UUID(0x5e55_1000_0000_4000L + Math.floorMod(i / 20, 250_000L),
                        0x8000_0000_0000_0000L | i * 0x9E37_79B9L).toString())
                .currency("EUR")
                .build();
    }

    /** The size of event {@code i} as the pipeline encodes it (with {@code sent_at}), for reports. */
    public static int encodedSize(long i) {
        return new EventCodec().encode(productViewed(i), Instant.now()).length;
    }

    public static void main(String[] args) {
        var codec = new EventCodec();
        var json = codec.encode(productViewed(42), Instant.now());
        System.out.println(json.length + " bytes: " + new String(json, StandardCharsets.UTF_8));
        System.out.println("estimatedSize: " + productViewed(42).estimatedSize());
    }
}
