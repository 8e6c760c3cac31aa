package io.ecomlog.backend.spark.etl;

import io.ecomlog.backend.spark.SampleEvents;
import io.ecomlog.backend.spark.SharedSpark;
import io.ecomlog.codec.EventCodec;
import io.ecomlog.codec.MalformedEventException;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.EventType;
import io.ecomlog.lake.LakeColumn;
import io.ecomlog.lake.LakeTables;
import io.ecomlog.reader.ObjectLines;
import io.ecomlog.record.RecordCodec;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

class CurateJobTest {

    private final SparkSession spark = SharedSpark.session();
    private final EventCodec codec = new EventCodec();

    @TempDir
    Path dir;

    @Test
    void curatesTheSamplesAndQuarantinesEveryKindOfBadInputByReason() throws IOException {
        var raw = new RawLake(dir.resolve("raw"));
        var events = SampleEvents.all();
        var objects = raw.write(events, "shop-1");
        var expectedReasons = new TreeMap<String, Long>();
        var extraEvents = new HashSet<String>();

        // a copy of one object under another producer's key: every line a duplicate
        Path copied = objects.get(0);
        raw.put("event_type=copy/shop-2-copy.ndjson.gz", Files.readAllBytes(copied));
        expectedReasons.put(RawLine.DUPLICATE, (long) RecordCodec.lines(Files.readAllBytes(copied)).size());

        // a gzip object cut short: the lines before the break count, the break is reported once
        var late = events.subList(0, 40).stream().map(e -> e.toBuilder().eventId(null).build()).toList();
        byte[] whole = RecordCodec.gzip(raw.ndjson(late));
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        raw.put("event_type=product_viewed/year=2019/month=10/day=01/hour=00/shop-3-cut.ndjson.gz", cut);
        expectedReasons.put(RawLine.TRUNCATED_GZIP, 1L);
        surviving(cut, extraEvents, expectedReasons);

        // lines that are no current event, next to a good one
        EcomEvent good = events.get(1).toBuilder().eventId(null).build();
        extraEvents.add(codec.peek(codec.encode(good)).eventId());
        String newer = raw.line(events.get(2).toBuilder().eventId(null).build())
                .replace("\"schema_version\":1", "\"schema_version\":2");
        String unknown = raw.line(events.get(3)).replaceFirst("\"event_type\":\"[a-z_]+\"", "\"event_type\":\"teleported\"");
        raw.put("event_type=mixed/shop-4-bad.ndjson", String.join("\n", raw.line(good), "this is no JSON {", newer,
                unknown).getBytes(StandardCharsets.UTF_8));
        expectedReasons.merge(MalformedEventException.Reason.NOT_JSON.label(), 1L, Long::sum);
        expectedReasons.put(RawLine.OTHER_SCHEMA_VERSION, 1L);
        expectedReasons.put(MalformedEventException.Reason.UNKNOWN_EVENT_TYPE.label(), 1L);

        var report = job().run();

        long unique = events.stream().map(EcomEvent::eventId).distinct().count() + extraEvents.size();
        assertThat(report.quarantinedByReason()).isEqualTo(expectedReasons);
        assertThat(report.eventsAdded()).isEqualTo(unique);
        var curated = spark.read().parquet(dir.resolve("curated/events").toString());
        assertThat(curated.count()).isEqualTo(unique);
        assertThat(curated.select("event_id").distinct().count()).isEqualTo(unique);
        assertThat(quarantinedByReason()).isEqualTo(expectedReasons);
        assertOnePartOfEachPartition("events");
        assertThat(spark.read().parquet(dir.resolve("curated/order_items").toString())
                .filter(col("event_type").equalTo("order_completed")).count())
                .isEqualTo(events.stream().filter(e -> e.eventType() == EventType.ORDER_COMPLETED)
                        .mapToLong(e -> ((io.ecomlog.event.Order) e.payload()).products().size()).sum()
                        + extraItems(late, extraEvents));
    }

    @Test
    void curatedColumnsAreTheGlueColumns() throws IOException {
        var raw = new RawLake(dir.resolve("raw"));
        raw.write(SampleEvents.all().subList(0, 200), "shop-1");
        job().run();
        var written = spark.read().parquet(dir.resolve("curated/events").toString()).schema();
        var expected = new ArrayList<String>();
        for (LakeColumn c : LakeTables.events()) {
            expected.add(c.name() + " " + DataType.fromDDL(c.hiveType()).simpleString());
        }
        expected.add("event_type string");
        expected.add("event_date string");
        assertThat(Arrays.stream(written.fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aSecondRunReadsOnlyNewObjectsAndDropsCopiesOfEarlierEvents() throws IOException {
        var raw = new RawLake(dir.resolve("raw"));
        var events = SampleEvents.all();
        var first = events.subList(0, 1500);
        var second = events.subList(1500, 3000);
        var firstObjects = raw.write(first, "shop-1");
        var firstReport = job().run();
        assertThat(firstReport.objects()).hasSize(firstObjects.size());

        var copies = first.subList(0, 120); // re-sent by a client retry, in new objects
        var secondObjects = new ArrayList<>(raw.write(second, "shop-2"));
        secondObjects.addAll(raw.write(copies, "shop-3"));
        var report = job().run();

        assertThat(report.objects()).hasSize(secondObjects.size());
        assertThat(report.eventsAdded()).isEqualTo(second.size());
        assertThat(report.quarantinedByReason()).isEqualTo(Map.of(RawLine.DUPLICATE, (long) copies.size()));
        var curated = spark.read().parquet(dir.resolve("curated/events").toString());
        assertThat(curated.count()).isEqualTo(first.size() + second.size());
        assertOnePartOfEachPartition("events");

        assertThat(job().run().objects()).as("nothing new").isEmpty();

        // a run that died after writing its data and before its bookmark is run again: nothing is added twice
        Files.delete(dir.resolve("bookmark/objects.txt"));
        var rerun = job().run();
        assertThat(rerun.objects()).hasSize(firstObjects.size() + secondObjects.size());
        assertThat(rerun.eventsAdded()).isZero();
        assertThat(rerun.quarantinedByReason())
                .isEqualTo(Map.of(RawLine.DUPLICATE, (long) (first.size() + second.size() + copies.size())));
        assertThat(spark.read().parquet(dir.resolve("curated/events").toString()).count())
                .isEqualTo(first.size() + second.size());
    }

    private CurateJob job() {
        return new CurateJob(spark, new CurateSettings(dir.resolve("raw").toString(), dir.resolve("curated").toString(),
                dir.resolve("quarantine").toString(), dir.resolve("bookmark/objects.txt").toString()));
    }

    /** What the reader gets from a cut gzip object, judged line by line with the codec. */
    private void surviving(byte[] cut, java.util.Set<String> kept, Map<String, Long> reasons) throws IOException {
        try (var lines = ObjectLines.open(new ByteArrayInputStream(cut))) {
            ObjectLines.Line line;
            while ((line = lines.next()) != null) {
                try {
                    kept.add(codec.decode(line.bytes()).eventId().toString());
                } catch (MalformedEventException e) {
                    reasons.merge(e.reason().label(), 1L, Long::sum);
                }
            }
        }
    }

    private static long extraItems(List<EcomEvent> late, java.util.Set<String> kept) {
        return late.stream().filter(e -> e.eventType() == EventType.ORDER_COMPLETED)
                .filter(e -> kept.contains(e.eventId().toString()))
                .mapToLong(e -> ((io.ecomlog.event.Order) e.payload()).products().size()).sum();
    }

    private Map<String, Long> quarantinedByReason() {
        var counts = new TreeMap<String, Long>();
        spark.read().json(dir.resolve("quarantine").toString()).groupBy("reason").count().collectAsList()
                .forEach(r -> counts.put(r.getString(0), r.getLong(1)));
        return counts;
    }

    private void assertOnePartOfEachPartition(String table) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("curated").resolve(table))) {
            var perPartition = files.filter(p -> p.toString().endsWith(".parquet"))
                    .collect(Collectors.groupingBy(Path::getParent, Collectors.counting()));
            assertThat(perPartition).isNotEmpty();
            assertThat(perPartition.values()).containsOnly(1L);
        }
    }
}
