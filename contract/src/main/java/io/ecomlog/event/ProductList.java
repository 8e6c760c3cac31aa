package io.ecomlog.event;

import java.util.List;

/**
 * Payload of {@code product_list_viewed}: a category page, a recommendation block, search results shown as a list.
 * Needs a list id or a category.
 *
 * @param listId   id of the list, e.g. {@code "home_recommendations"}
 * @param listName display name of the list
 * @param category category path the list shows
 * @param products the products shown, with their {@link Product#position() position}
 */
public record ProductList(String listId, String listName, String category, List<Product> products)
        implements EventPayload {

    /** Cleans strings and copies the products into an unmodifiable list (never null). */
    public ProductList {
        listId = Text.clean(listId);
        listName = Text.clean(listName);
        category = Text.clean(category);
        products = Text.list(products);
    }

    /** A builder; set a list id or a category, and the products shown. */
    public static Builder builder() {
        return new Builder();
    }

    int jsonSize() {
        return JsonSize.string("list_id", listId) + JsonSize.string("list_name", listName)
                + JsonSize.string("category", category) + JsonSize.products(products);
    }

    /** Fluent builder for {@link ProductList}. */
    public static final class Builder {
        private String listId;
        private String listName;
        private String category;
        private List<Product> products;

        private Builder() {
        }

        public Builder listId(String listId) {
            this.listId = listId;
            return this;
        }

        public Builder listName(String listName) {
            this.listName = listName;
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder products(List<Product> products) {
            this.products = products;
            return this;
        }

        public ProductList build() {
            return new ProductList(listId, listName, category, products);
        }
    }
}
