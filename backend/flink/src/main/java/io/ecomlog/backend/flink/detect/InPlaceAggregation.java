package io.ecomlog.backend.flink.detect;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.util.function.SerializableSupplier;

import java.io.Serializable;

/**
 * An aggregation whose accumulator is also its result and is updated in place: the shape of every window state of
 * these jobs. Subclasses bind the two types (so Flink can see them) and pass how to start, add and merge.
 */
public abstract class InPlaceAggregation<T, A> implements AggregateFunction<T, A, A> {

    /** Adds one element into the accumulator. */
    public interface Adder<T, A> extends Serializable {
        void add(A accumulator, T element);
    }

    /** Folds {@code from} into {@code into}. */
    public interface Merger<A> extends Serializable {
        void merge(A into, A from);
    }

    private final SerializableSupplier<A> start;
    private final Adder<T, A> adder;
    private final Merger<A> merger;

    protected InPlaceAggregation(SerializableSupplier<A> start, Adder<T, A> adder, Merger<A> merger) {
        this.start = start;
        this.adder = adder;
        this.merger = merger;
    }

    @Override
    public final A createAccumulator() {
        return start.get();
    }

    @Override
    public final A add(T element, A accumulator) {
        adder.add(accumulator, element);
        return accumulator;
    }

    @Override
    public final A getResult(A accumulator) {
        return accumulator;
    }

    @Override
    public final A merge(A a, A b) {
        merger.merge(a, b);
        return a;
    }
}
