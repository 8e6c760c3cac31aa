package io.ecomlog.access;

/** What a request stands for in a shop, as far as its path tells. */
public enum RequestAction {
    PRODUCT_VIEW("product_view"),
    SEARCH("search"),
    CART("cart"),
    CHECKOUT("checkout"),
    LOGIN("login"),
    API("api"),
    ASSET("asset"),
    PAGE("page");

    private final String label;

    RequestAction(String label) {
        this.label = label;
    }

    /** The value written to {@code properties.action}. */
    public String label() {
        return label;
    }
}
