package io.ecomlog.backend.cdk;

import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading a synthesized template as plain Java maps, for assertions that look across resources. */
final class Cfn {

    private Cfn() {
    }

    /** The Properties of every resource of {@code type}. */
    static List<Map<String, Object>> properties(Template template, String type) {
        var out = new ArrayList<Map<String, Object>>();
        template.findResources(type).values().forEach(r -> out.add(map(r.get("Properties"))));
        return out;
    }

    /** The Properties of the one resource of {@code type} whose {@code key} property equals {@code value}. */
    static Map<String, Object> one(Template template, String type, String key, Object value) {
        var matches = properties(template, type).stream().filter(p -> value.equals(p.get(key))).toList();
        if (matches.size() != 1) {
            throw new AssertionError(matches.size() + " resources of " + type + " with " + key + " = " + value);
        }
        return matches.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : o instanceof List<?> l ? (List<Object>) l : List.of(o);
    }

    /** A nested value by a dotted path of map keys. */
    static Object at(Map<String, Object> root, String path) {
        Object current = root;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }
}
