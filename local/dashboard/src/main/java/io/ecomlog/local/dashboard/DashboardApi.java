package io.ecomlog.local.dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/** The JSON endpoints: {@code /api/NAME?query} to the {@link DashboardData} call that answers it. */
final class DashboardApi {

    static final int MAX_LIMIT = 500;
    static final int MAX_ID_LENGTH = 200;

    /** The request was wrong (status 400); the message is shown to the caller. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** No such endpoint (status 404). */
    static final class UnknownEndpoint extends RuntimeException {
        UnknownEndpoint(String name) {
            super("no endpoint /api/" + name);
        }
    }

    /** The data source threw or broke its contract (status 500). */
    static final class DataFailure extends RuntimeException {
        DataFailure(String endpoint, RuntimeException cause) {
            super("the data source failed on /api/" + endpoint + ": " + describe(cause), cause);
        }

        private static String describe(RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private final DashboardData data;

    DashboardApi(DashboardData data) {
        this.data = data;
    }

    /** The object to write as JSON; parameters are checked before the data source is asked. */
    Object answer(String endpoint, String rawQuery) {
        Map<String, String> query = parse(rawQuery);
        Supplier<Object> call = switch (endpoint) {
            case "overview" -> data::overview;
            case "sales" -> data::salesPerMinute;
            case "funnel" -> data::funnel;
            case "categories" -> bind(limit(query, 10), data::topCategories);
            case "alerts" -> bind(limit(query, 20), data::alerts);
            case "customers" -> bind(limit(query, 20), data::sampleCustomers);
            case "users" -> bind(limit(query, 20), data::sampleUsers);
            case "orders" -> {
                String customer = id(query, "customer", true);
                String pageToken = id(query, "pageToken", false);
                yield () -> data.orders(customer, pageToken);
            }
            case "recommendations" -> {
                String user = id(query, "user", true);
                yield () -> data.recommendations(user);
            }
            default -> throw new UnknownEndpoint(endpoint);
        };
        try {
            Object result = call.get();
            if (result == null) {
                throw new IllegalStateException("returned null");
            }
            return result;
        } catch (DashboardData.Refused e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataFailure(endpoint, e);
        }
    }

    private static Supplier<Object> bind(int limit, IntFunction<?> call) {
        return () -> call.apply(limit);
    }

    private static int limit(Map<String, String> query, int byDefault) {
        String value = query.get("limit");
        if (value == null) {
            return byDefault;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw new BadRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** A customer, user or page token: trimmed; blank counts as absent. */
    private static String id(Map<String, String> query, String name, boolean required) {
        String value = query.getOrDefault(name, "").strip();
        if (value.isEmpty()) {
            if (required) {
                throw new BadRequest(name + " is required");
            }
            return null;
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new BadRequest(name + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }

    /** {@code a=1&b=x%20y}; the first of repeated names wins. */
    static Map<String, String> parse(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                query.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("malformed query: " + e.getMessage());
            }
        }
        return query;
    }
}
