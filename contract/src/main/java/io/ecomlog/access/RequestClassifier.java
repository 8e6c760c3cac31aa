package io.ecomlog.access;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells from a request target which shop action it was (the first matching rule wins) and which product or search
 * query it names. The default rules cover the common URL shapes of shop front ends ({@code /product/ID},
 * {@code /p/ID}, {@code ?product_id=ID}, {@code /search?q=}, {@code /cart}, {@code /checkout}, {@code /login},
 * {@code /api/}, static assets); a shop with other URLs passes its own rules. Thread-safe.
 */
public final class RequestClassifier {

    /** One rule: a pattern on the path (without query) or on the whole target, and the action it means. */
    public record Rule(RequestAction action, Pattern pattern, boolean onWholeTarget) {
    }

    /** What a target was classified as; {@code productId} and {@code searchQuery} may be null. */
    public record Classified(String path, RequestAction action, String productId, String searchQuery) {
    }

    private static final Pattern PRODUCT_IN_PATH =
            Pattern.compile("/(?:products?|p|item|items|dp)/([^/?#;]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PRODUCT_IN_QUERY = Pattern.compile("[?&](?:product_id|productId|pid|sku)=([^&#]+)");
    private static final Pattern SEARCH_QUERY = Pattern.compile("[?&](?:q|query|search|keyword)=([^&#]*)");

    private final List<Rule> rules;

    public RequestClassifier(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Assets, product pages, search, cart, checkout, login, API by path, then product and search by query, in that
     * order; anything else is a page.
     */
    public static RequestClassifier defaults() {
        int ci = Pattern.CASE_INSENSITIVE;
        return new RequestClassifier(List.of(
                new Rule(RequestAction.ASSET, Pattern.compile(
                        "\\.(?:css|js|mjs|map|png|jpe?g|gif|svg|ico|webp|avif|woff2?|ttf|eot|otf|mp4|webm)$", ci),
                        false),
                new Rule(RequestAction.PRODUCT_VIEW, PRODUCT_IN_PATH, false),
                new Rule(RequestAction.SEARCH, Pattern.compile("(?:^|/)search(?:/|$)", ci), false),
                new Rule(RequestAction.CART, Pattern.compile("(?:^|/)(?:cart|basket|bag)(?:/|$)", ci), false),
                new Rule(RequestAction.CHECKOUT, Pattern.compile("(?:^|/)(?:checkout|order|orders|payment)(?:/|$)",
                        ci), false),
                new Rule(RequestAction.LOGIN, Pattern.compile("(?:^|/)(?:login|signin|sign-in|logon|auth)(?:/|$)",
                        ci), false),
                new Rule(RequestAction.API, Pattern.compile("^/api/", ci), false),
                // by query last, so that /cart/add?product_id=17 is a cart action (with its product)
                new Rule(RequestAction.PRODUCT_VIEW, PRODUCT_IN_QUERY, true),
                new Rule(RequestAction.SEARCH, SEARCH_QUERY, true)));
    }

    public Classified classify(String target) {
        int query = indexOfQuery(target);
        String path = query < 0 ? target : target.substring(0, query);
        RequestAction action = RequestAction.PAGE;
        for (var rule : rules) {
            if (rule.pattern().matcher(rule.onWholeTarget() ? target : path).find()) {
                action = rule.action();
                break;
            }
        }
        String productId = null;
        String searchQuery = null;
        if (action == RequestAction.PRODUCT_VIEW || action == RequestAction.CART) {
            productId = firstGroup(PRODUCT_IN_PATH.matcher(path));
            if (productId == null) {
                productId = firstGroup(PRODUCT_IN_QUERY.matcher(target));
            }
        } else if (action == RequestAction.SEARCH) {
            searchQuery = firstGroup(SEARCH_QUERY.matcher(target));
        }
        return new Classified(path, action, decode(productId), decode(searchQuery));
    }

    private static int indexOfQuery(String target) {
        int q = target.indexOf('?');
        int h = target.indexOf('#');
        return q < 0 ? h : h < 0 ? q : Math.min(q, h);
    }

    private static String firstGroup(Matcher m) {
        return m.find() ? m.group(1) : null;
    }

    private static String decode(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            String decoded = URLDecoder.decode(s, StandardCharsets.UTF_8).strip();
            return decoded.isEmpty() ? null : decoded;
        } catch (IllegalArgumentException e) {
            return s; // a broken %-escape: keep the text as logged
        }
    }
}
