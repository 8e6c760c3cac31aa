package io.ecomlog.codec;

import com.fasterxml.jackson.core.io.SerializedString;

import java.lang.invoke.MethodHandle;

/**
 * One record component as the codec sees it: its snake_case JSON name (pre-encoded for the generator), its
 * {@link FieldKind}, its position in the canonical constructor and a method handle to read it.
 */
final class FieldModel {

    final String name;
    final SerializedString serializedName;
    final FieldKind kind;
    /** The record model of a {@code RECORD}, {@code FLATTENED} or {@code RECORD_LIST} field, else null. */
    final RecordModel nested;
    final int index;
    private final MethodHandle getter;

    FieldModel(String name, FieldKind kind, RecordModel nested, int index, MethodHandle getter) {
        this.name = name;
        this.serializedName = new SerializedString(name);
        this.kind = kind;
        this.nested = nested;
        this.index = index;
        this.getter = getter;
    }

    /** The component's value in {@code record}. */
    Object get(Object record) {
        try {
            return (Object) getter.invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot read " + name, t);
        }
    }

    @Override
    public String toString() {
        return name + ":" + kind;
    }
}
