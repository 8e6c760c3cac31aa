package io.ecomlog.event;

/**
 * Payload of {@code page_viewed}. The page itself (url, path, title, referrer) lives in the envelope's
 * {@link Page}; this adds how the shop classifies it.
 *
 * @param name     the page's name in the shop, e.g. {@code "product_detail"}
 * @param category the page's category, e.g. {@code "catalog"}
 */
public record PageView(String name, String category) implements EventPayload {

    /** Cleans invalid UTF-16 out of both values. */
    public PageView {
        name = Text.clean(name);
        category = Text.clean(category);
    }

    int jsonSize() {
        return JsonSize.string("name", name) + JsonSize.string("category", category);
    }
}
