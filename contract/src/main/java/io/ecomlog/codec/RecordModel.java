package io.ecomlog.codec;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON view of one record class of the event model, derived once by reflection: its fields in component order
 * with snake_case names, and its canonical constructor. The encoder, the decoder and the JSON Schema generator all
 * read the model through this, so they cannot disagree about a name or a type.
 */
final class RecordModel {

    final Class<?> type;
    final List<FieldModel> fields;
    final Map<String, FieldModel> byName;
    private final MethodHandle constructor;

    private RecordModel(Class<?> type, List<FieldModel> fields, MethodHandle constructor) {
        this.type = type;
        this.fields = List.copyOf(fields);
        var names = new LinkedHashMap<String, FieldModel>();
        for (FieldModel f : fields) {
            names.put(f.name, f);
        }
        this.byName = Map.copyOf(names);
        this.constructor = constructor;
    }

    /**
     * The model of {@code type}, and of the records it nests, registered in {@code known} so that each record class
     * is modelled once.
     */
    static RecordModel of(Class<?> type, Map<Class<?>, RecordModel> known) {
        RecordModel existing = known.get(type);
        if (existing != null) {
            return existing;
        }
        if (!type.isRecord()) {
            throw new IllegalStateException(type.getName() + " is not a record");
        }
        RecordComponent[] components = type.getRecordComponents();
        var lookup = MethodHandles.publicLookup();
        var fields = new ArrayList<FieldModel>(components.length);
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                fields.add(field(type, c, i, lookup.unreflect(c.getAccessor()), known));
            }
            Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            MethodHandle constructor = lookup.unreflectConstructor(type.getConstructor(parameterTypes))
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
            var model = new RecordModel(type, fields, constructor);
            known.put(type, model);
            return model;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot model " + type.getName(), e);
        }
    }

    private static FieldModel field(Class<?> owner, RecordComponent c, int index, MethodHandle getter,
                                    Map<Class<?>, RecordModel> known) {
        String name = snakeCase(c.getName());
        Class<?> t = c.getType();
        if (t == String.class) {
            return new FieldModel(name, FieldKind.STRING, null, index, getter);
        } else if (t == Integer.class) {
            return new FieldModel(name, FieldKind.INT, null, index, getter);
        } else if (t == Long.class) {
            return new FieldModel(name, FieldKind.LONG, null, index, getter);
        } else if (t == BigDecimal.class) {
            return new FieldModel(name, FieldKind.DECIMAL, null, index, getter);
        } else if (t == Instant.class) {
            return new FieldModel(name, FieldKind.INSTANT, null, index, getter);
        } else if (t.isRecord()) {
            boolean flat = c.getAccessor().isAnnotationPresent(JsonUnwrapped.class);
            return new FieldModel(name, flat ? FieldKind.FLATTENED : FieldKind.RECORD, of(t, known), index, getter);
        } else if (t == List.class && typeArgument(c, 0) instanceof Class<?> element && element.isRecord()) {
            return new FieldModel(name, FieldKind.RECORD_LIST, of(element, known), index, getter);
        } else if (t == Map.class && typeArgument(c, 0) == String.class && typeArgument(c, 1) == String.class) {
            return new FieldModel(name, FieldKind.STRING_MAP, null, index, getter);
        } else if (t == Map.class && typeArgument(c, 0) == String.class && typeArgument(c, 1) == Object.class) {
            return new FieldModel(name, FieldKind.JSON_MAP, null, index, getter);
        }
        throw new IllegalStateException(owner.getName() + "." + c.getName() + " has a type the codec does not map: "
                + c.getGenericType());
    }

    private static Type typeArgument(RecordComponent c, int i) {
        return c.getGenericType() instanceof ParameterizedType p ? p.getActualTypeArguments()[i] : null;
    }

    /** {@code productId} → {@code product_id}. */
    static String snakeCase(String camel) {
        var sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** A new record from constructor arguments in component order. */
    Object construct(Object[] args) {
        try {
            return (Object) constructor.invokeExact(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot construct " + type.getName(), t);
        }
    }

    @Override
    public String toString() {
        return type.getSimpleName() + fields;
    }
}
