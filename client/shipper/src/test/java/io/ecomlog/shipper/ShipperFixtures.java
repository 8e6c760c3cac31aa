package io.ecomlog.shipper;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.LogRecord;
import io.ecomlog.pipeline.PartitionKeyStrategy;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.KinesisRecordData;
import io.ecomlog.transport.LocalFolderStore;

import java.io.IOException;
import java.net.URI;
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

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Messages of several files, in one list. */
    @SafeVarargs
    static List<String> all(List<String>... parts) {
        var lines = new ArrayList<String>();
        for (var part : parts) {
            lines.addAll(part);
        }
        return lines;
    }

    /** The lake holds exactly these messages, each once. */
    static void assertLakeHolds(Path lake, List<String> want) throws IOException {
        assertThat(messages(lakeEvents(lake))).containsExactlyInAnyOrderElementsOf(want);
    }

    /** One flow of plain lines from {@code pattern} into {@code dir/lake}. */
    static ShipperConfig lakeConfig(Path dir, String pattern) {
        return config(dir, List.of(lakeFlow(pattern, dir.resolve("lake"), LineFormat.AUTO)));
    }

    /** One flow from {@code log} to a Kinesis stream behind {@code endpoint}, without spool. */
    static ShipperConfig kinesisConfig(Path dir, Path log, URI endpoint, String stream) {
        var flow = new FlowConfig(log.toString(), Target.kinesis(stream), LineFormat.AUTO,
                InitialPosition.START_OF_FILE, Duration.ofMillis(20), PartitionKeyStrategy.RANDOM);
        return new ShipperConfig(dir.resolve("checkpoints.json"), null, "us-east-1", endpoint, null, List.of(flow),
                ShipperConfig.DEFAULT_MAX_LINE_BYTES, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ZERO,
                List.of());
    }

    /** Every event in the stream, decoded. */
    static List<EcomEvent> streamEvents(KinesisLocal kinesis, String stream) {
        return RecordCodec.lines(kinesis.readAll(stream).stream().map(KinesisRecordData::data).toList())
                .stream().map(CODEC::decode).toList();
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
