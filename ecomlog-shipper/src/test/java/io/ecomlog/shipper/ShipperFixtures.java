package io.ecomlog.shipper;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.LogRecord;
import io.ecomlog.pipeline.PartitionKeyStrategy;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.transport.LocalFolderStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the shipper's tests share: files of numbered lines, lake configurations, and reading the lake back. */
final class ShipperFixtures {

    private static final EventCodec CODEC = new EventCodec();

    private ShipperFixtures() {
    }

    /** {@code <tag> line <n>}: unique per file tag and number. */
    static String line(String tag, int n) {
        return tag + " line " + n;
    }

    static void append(Path file, String tag, int from, int toExclusive) throws IOException {
        var sb = new StringBuilder();
        for (int n = from; n < toExclusive; n++) {
            sb.append(line(tag, n)).append('\n');
        }
        appendText(file, sb.toString());
    }

    static void appendText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static List<String> expected(String tag, int from, int toExclusive) {
        var lines = new ArrayList<String>();
        for (int n = from; n < toExclusive; n++) {
            lines.add(line(tag, n));
        }
        return lines;
    }

    static FlowConfig lakeFlow(String pattern, Path lake, LineFormat format) {
        return new FlowConfig(pattern, Target.lake(lake), format, InitialPosition.START_OF_FILE,
                Duration.ofMillis(50), PartitionKeyStrategy.RANDOM);
    }

    static ShipperConfig config(Path dir, List<FlowConfig> flows) {
        return new ShipperConfig(dir.resolve("checkpoints.json"), dir.resolve("spool"), null, null, null, flows,
                ShipperConfig.DEFAULT_MAX_LINE_BYTES, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ZERO,
                List.of());
    }

    /** Every event in the lake folder, decoded. */
    static List<EcomEvent> lakeEvents(Path lake) throws IOException {
        var store = new LocalFolderStore(lake);
        var objects = new ArrayList<byte[]>();
        for (var key : store.list("")) {
            objects.add(store.get(key));
        }
        return RecordCodec.lines(objects).stream().map(CODEC::decode).toList();
    }

    static List<String> messages(List<EcomEvent> events) {
        return events.stream().map(e -> ((LogRecord) e.payload()).message()).toList();
    }

    /** How often each message arrived. */
    static Map<String, Long> counts(List<String> messages) {
        return messages.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** A shipper tailing on a thread of its own until {@link #stop()}. */
    static final class Running implements AutoCloseable {
        final Shipper shipper;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Running(ShipperConfig config) {
            this.shipper = new Shipper(config);
            this.thread = new Thread(() -> shipper.run(stop::get), "shipper-under-test");
            thread.start();
        }

        ShipCounters.Snapshot counters() {
            return shipper.counters().snapshot();
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join(Duration.ofSeconds(30).toMillis());
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
