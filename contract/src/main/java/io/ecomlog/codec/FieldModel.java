package io.ecomlog.codec;

import com.fasterxml.jackson.core.io.SerializedString;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Function;

/**
 * One record component as the codec sees it: its snake_case JSON name (pre-encoded for the generator), its
 * {@link FieldKind}, its position in the canonical constructor and a function to read it.
 */
final class FieldModel {

    final String name;
    final SerializedString serializedName;
    final FieldKind kind;
    /** The record model of a {@code RECORD}, {@code FLATTENED} or {@code RECORD_LIST} field, else null. */
    final RecordModel nested;
    final int index;
    private final Function<Object, Object> getter;

    /**
     * @param accessor the record component's accessor, of type {@code (Record)Component}; null for a field that only
     *                 describes a shape (the schema generator's envelope objects) and is never read
     */
    FieldModel(String name, FieldKind kind, RecordModel nested, int index, MethodHandle accessor) {
        this.name = name;
        this.serializedName = new SerializedString(name);
        this.kind = kind;
        this.nested = nested;
        this.index = index;
        this.getter = accessor == null ? FieldModel::unreadable : getter(accessor);
    }

    /** The component's value in {@code record}. */
    Object get(Object record) {
        return getter.apply(record);
    }

    private static Object unreadable(Object record) {
        throw new UnsupportedOperationException("a field without an accessor describes a shape and is never read");
    }

    /**
     * The accessor as a class of its own made by {@link LambdaMetafactory}, which the JIT compiles like a written
     * getter; a method handle kept in a field (not a constant) goes through its lambda forms on every call, which was
     * a tenth of the encoder's time.
     */
    @SuppressWarnings("unchecked")
    private static Function<Object, Object> getter(MethodHandle accessor) {
        try {
            var site = LambdaMetafactory.metafactory(MethodHandles.lookup(), "apply",
                    MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class),
                    accessor, accessor.type().wrap());
            return (Function<Object, Object>) site.getTarget().invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make a getter of " + accessor, e);
        }
    }

    @Override
    public String toString() {
        return name + ":" + kind;
    }
}
