package io.ecomlog.backend.flink.detect;

import io.ecomlog.alert.Alert;
import io.ecomlog.backend.flink.input.ShopEvent;

import java.util.Arrays;

/** A count of events with the first few event ids kept as samples: the state of one counting window. */
public final class Tally {

    public long count;
    public String[] samples = new String[0];

    void add(ShopEvent event) {
        count++;
        if (samples.length < Alert.MAX_SAMPLES) {
            samples = Arrays.copyOf(samples, samples.length + 1);
            samples[samples.length - 1] = event.eventId();
        }
    }

    void addAll(Tally other) {
        count += other.count;
        String[] both = Arrays.copyOf(samples, samples.length + other.samples.length);
        System.arraycopy(other.samples, 0, both, samples.length, other.samples.length);
        samples = Arrays.copyOf(both, Math.min(both.length, Alert.MAX_SAMPLES));
    }

    /** Counts events into a {@link Tally}. */
    public static final class Counting extends InPlaceAggregation<ShopEvent, Tally> {
        public Counting() {
            super(Tally::new, Tally::add, Tally::addAll);
        }
    }
}
