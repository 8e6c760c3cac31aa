package io.ecomlog.event;

import java.util.List;

/**
 * Payload of {@code cart_viewed}.
 *
 * @param cartId   the cart's id (required)
 * @param products the line items in the cart
 */
public record Cart(String cartId, List<Product> products) implements EventPayload {

    /** Cleans the id and copies the products into an unmodifiable list (never null). */
    public Cart {
        cartId = Text.clean(cartId);
        products = Text.list(products);
    }

    int jsonSize() {
        return JsonSize.string("cart_id", cartId) + JsonSize.products(products);
    }
}
