package io.ecomlog.event;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Payload of the single-product events ({@code product_clicked}, {@code product_viewed}, {@code product_added},
 * {@code product_removed}). The product's fields are written flat at the top level of the event, as in Segment's
 * spec ({@code product_id}, {@code price}…), hence {@link JsonUnwrapped}.
 *
 * @param product the product (required, with its product id)
 * @param cartId  the cart it was added to or removed from
 */
public record ProductAction(@JsonUnwrapped Product product, String cartId) implements EventPayload {

    /** Cleans the cart id. */
    public ProductAction {
        cartId = Text.clean(cartId);
    }

    int jsonSize() {
        return (product == null ? 0 : product.jsonSize() - 2) + JsonSize.string("cart_id", cartId);
    }
}
