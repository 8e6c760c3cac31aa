package io.ecomlog.event;

import java.util.Map;

/**
 * Payload of {@code products_searched}: what the shopper searched for and what came back.
 *
 * @param query       the search text (required; may be empty for a filter-only search)
 * @param resultCount number of results; not negative
 * @param filters     active filters by name, e.g. {@code brand -> apple}
 * @param sort        active sort order, e.g. {@code "price_asc"}
 */
public record Search(String query, Integer resultCount, Map<String, String> filters, String sort)
        implements EventPayload {

    /** Cleans strings and copies the filters into an unmodifiable, ordered map (never null). */
    public Search {
        query = Text.clean(query);
        filters = Text.stringMap(filters);
        sort = Text.clean(sort);
    }

    /** A search for {@code query} with nothing else known. */
    public static Search of(String query) {
        return new Search(query, null, null, null);
    }

    int jsonSize() {
        return JsonSize.string("query", query) + JsonSize.integer("result_count", resultCount)
                + JsonSize.stringMap("filters", filters) + JsonSize.string("sort", sort);
    }
}
