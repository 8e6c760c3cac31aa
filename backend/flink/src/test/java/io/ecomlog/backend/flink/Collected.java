package io.ecomlog.backend.flink;

import org.apache.flink.streaming.api.functions.sink.SinkFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A sink that keeps what reaches it in this JVM (the MiniCluster runs here), under a name per run: how tests see a
 * job's output while it is still running.
 */
final class Collected<T> implements SinkFunction<T> {

    private static final Map<String, ConcurrentLinkedQueue<Object>> BY_NAME = new ConcurrentHashMap<>();

    private final String name;

    private Collected(String name) {
        this.name = name;
    }

    static <T> Collected<T> fresh(String label) {
        String name = label + "-" + UUID.randomUUID();
        BY_NAME.put(name, new ConcurrentLinkedQueue<>());
        return new Collected<>(name);
    }

    @Override
    public void invoke(T value, Context context) {
        BY_NAME.get(name).add(value);
    }

    @SuppressWarnings("unchecked")
    List<T> items() {
        return new ArrayList<>((ConcurrentLinkedQueue<T>) (ConcurrentLinkedQueue<?>) BY_NAME.get(name));
    }
}
