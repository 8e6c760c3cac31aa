package io.ecomlog.event;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A "must be set" rule of an {@link EventType}, declared once and used twice: by the validator and, through
 * {@link EventType#requiredFields()}, by the JSON Schema generator. Paths are wire names: {@code order_id},
 * {@code page.url} for a field of an envelope object, {@code products[].product_id} for every element of a list.
 */
interface Requirement {

    /** Alternative wire paths; at least one must be set. */
    List<String> paths();

    void check(EcomEvent event, Violations violations);

    /** A payload field that must be set: non-null, and not blank for strings. */
    static <P extends EventPayload> Requirement field(String path, Function<P, Object> getter) {
        return new AnyOf(List.of(Alternative.payload(path, path, getter)));
    }

    /** Like {@link #field} with a different name in messages, e.g. {@code product.product_id} for a flattened field. */
    static <P extends EventPayload> Requirement field(String path, String label, Function<P, Object> getter) {
        return new AnyOf(List.of(Alternative.payload(path, label, getter)));
    }

    /** At least one of two payload fields must be set. */
    static <P extends EventPayload> Requirement either(String path1, Function<P, Object> getter1,
                                                       String path2, Function<P, Object> getter2) {
        return new AnyOf(List.of(Alternative.payload(path1, path1, getter1),
                Alternative.payload(path2, path2, getter2)));
    }

    /** At least one of two envelope fields must be set. */
    static Requirement eitherInEnvelope(String path1, Function<EcomEvent, Object> getter1,
                                        String path2, Function<EcomEvent, Object> getter2) {
        return new AnyOf(List.of(new Alternative(path1, path1, false, getter1),
                new Alternative(path2, path2, false, getter2)));
    }

    /** Every product of the payload's {@code products} list must be non-null and have a product id. */
    static <P extends EventPayload> Requirement eachProductId(Function<P, List<Product>> products) {
        return new EachProductId(payloadGetter(products));
    }

    @SuppressWarnings("unchecked")
    private static <P extends EventPayload, R> Function<EcomEvent, R> payloadGetter(Function<P, R> getter) {
        // safe: requirements are only checked after the payload was found to be of the type's payload class
        return event -> getter.apply((P) event.payload());
    }

    static boolean isSet(Object value) {
        return value instanceof String s ? !Text.isBlank(s) : value != null;
    }

    /** One way of satisfying a requirement. */
    record Alternative(String path, String label, boolean inPayload, Function<EcomEvent, Object> getter) {
        static <P extends EventPayload> Alternative payload(String path, String label, Function<P, Object> getter) {
            return new Alternative(path, label, true, payloadGetter(getter));
        }
    }

    /** Set when at least one alternative is set. */
    record AnyOf(List<Alternative> alternatives) implements Requirement {
        @Override
        public List<String> paths() {
            return alternatives.stream().map(Alternative::path).toList();
        }

        @Override
        public void check(EcomEvent event, Violations violations) {
            for (Alternative a : alternatives) {
                if (isSet(a.getter().apply(event))) {
                    return;
                }
            }
            if (alternatives.size() == 1) {
                Alternative only = alternatives.get(0);
                violations.add(only.inPayload(), only.label(), "must be set");
            } else {
                String names = alternatives.stream().map(Alternative::label).collect(Collectors.joining(" or "));
                violations.addForType(names + " must be set");
            }
        }
    }

    /** Each element of a product list needs a product id. */
    record EachProductId(Function<EcomEvent, List<Product>> products) implements Requirement {
        @Override
        public List<String> paths() {
            return List.of("products[].product_id");
        }

        @Override
        public void check(EcomEvent event, Violations violations) {
            List<Product> list = products.apply(event);
            for (int i = 0; i < list.size(); i++) {
                Product p = list.get(i);
                if (p == null) {
                    violations.add(true, "products[" + i + "]", "must not be null");
                } else if (!isSet(p.productId())) {
                    violations.add(true, "products[" + i + "].product_id", "must be set");
                }
            }
        }
    }
}
