package io.ecomlog.event;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Cheap estimates of the encoded size of model values, used for {@link EcomEvent#estimatedSize()}. They count
 * characters, not UTF-8 bytes, and ignore escapes: exact for plain ASCII, low for text that needs multi-byte
 * encoding. No encoding and no allocation.
 */
final class JsonSize {

    /** Quotes around the name, colon, and the comma after the value. */
    private static final int FIELD_OVERHEAD = 4;
    private static final int INT_SIZE = 6;

    private JsonSize() {
    }

    static int string(String name, String value) {
        return value == null ? 0 : name.length() + FIELD_OVERHEAD + 2 + value.length();
    }

    static int decimal(String name, BigDecimal value) {
        return value == null ? 0 : name.length() + FIELD_OVERHEAD + 4 + value.precision();
    }

    static int integer(String name, Number value) {
        return value == null ? 0 : name.length() + FIELD_OVERHEAD + INT_SIZE;
    }

    static int nested(String name, int valueSize) {
        return valueSize == 0 ? 0 : name.length() + FIELD_OVERHEAD + valueSize;
    }

    static int products(List<Product> products) {
        if (products.isEmpty()) {
            return 0;
        }
        int size = "products".length() + FIELD_OVERHEAD + 2;
        for (Product p : products) {
            size += p == null ? 5 : p.jsonSize() + 3;
        }
        return size;
    }

    static int stringMap(String name, Map<String, String> map) {
        if (map.isEmpty()) {
            return 0;
        }
        int size = name.length() + FIELD_OVERHEAD + 2;
        for (var e : map.entrySet()) {
            size += e.getKey().length() + e.getValue().length() + 6;
        }
        return size;
    }

    /** Size of a normalised free-form JSON value (see {@link JsonValues}). */
    static int value(Object v) {
        if (v == null) {
            return 4;
        } else if (v instanceof String s) {
            return s.length() + 2;
        } else if (v instanceof BigDecimal d) {
            return d.precision() + 2;
        } else if (v instanceof Number || v instanceof Boolean) {
            return 8;
        } else if (v instanceof Map<?, ?> m) {
            int size = 2;
            for (var e : m.entrySet()) {
                size += ((String) e.getKey()).length() + 4 + value(e.getValue());
            }
            return size;
        } else if (v instanceof List<?> l) {
            int size = 2;
            for (Object o : l) {
                size += value(o) + 1;
            }
            return size;
        }
        return 16;
    }
}
