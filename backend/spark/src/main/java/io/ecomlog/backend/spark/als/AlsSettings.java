package io.ecomlog.backend.spark.als;

import java.io.Serializable;

/**
 * The ALS fit: factors ({@code rank}), iterations, regularisation, {@code alpha} (how fast confidence grows with
 * strength, implicit preferences on) and how many recommendations to keep per person and similar products per
 * product.
 */
public record AlsSettings(int rank, int iterations, double regParam, double alpha, int topN, long seed)
        implements Serializable {

    public static final AlsSettings DEFAULT = new AlsSettings(16, 12, 0.05, 20.0, 10, 42L);

    public AlsSettings {
        if (rank < 1 || iterations < 1 || regParam < 0 || alpha <= 0 || topN < 1) {
            throw new IllegalArgumentException("invalid ALS settings: " + this);
        }
    }
}
