package io.ecomlog.backend.spark.als;

import java.io.Serializable;

/**
 * How much each kind of event says about a person's interest in a product, as implicit feedback: the strengths of
 * a person's events on one product are added up, and ALS reads the sum as confidence, not as a rating.
 */
public record InteractionWeights(double view, double cartAdd, double purchase) implements Serializable {

    /** A purchase outweighs a cart add, which outweighs a view. */
    public static final InteractionWeights DEFAULT = new InteractionWeights(1, 3, 10);

    public InteractionWeights {
        if (view < 0 || cartAdd < 0 || purchase < 0 || view + cartAdd + purchase == 0) {
            throw new IllegalArgumentException("weights must be non-negative and not all zero: " + this);
        }
    }
}
