package io.ecomlog.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Local mode's stand-in for a Lambda event-source mapping: each new object in a folder (the client's lake, the Flink
 * jobs' output) is handed to every function subscribed to it as a one-record Kinesis batch, the way the stream would
 * deliver it. A function that reports the record as a batch item failure gets it again at the next poll, as Lambda
 * retries; an object is done when every function took it. Objects are taken oldest first.
 */
final class FunctionFeed {

    /** A subscribed function, by name. */
    record Subscriber(String name, RequestHandler<KinesisEvent, StreamsEventResponse> function) {
    }

    private final String name;
    private final Path folder;
    private final Predicate<Path> accepts;
    private final List<Subscriber> subscribers;
    private final Map<String, Set<Path>> done = new LinkedHashMap<>();
    /** Objects taken by at least one function (counted once). */
    private final Set<Path> delivered = new HashSet<>();
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private long sequence;
    private volatile String lastError;

    FunctionFeed(String name, Path folder, Predicate<Path> accepts, List<Subscriber> subscribers) {
        this.name = name;
        this.folder = folder;
        this.accepts = accepts;
        this.subscribers = List.copyOf(subscribers);
        subscribers.forEach(s -> done.put(s.name(), new HashSet<>()));
    }

    /** Delivers what is new; returns how many deliveries are still pending (failed, to be retried). */
    synchronized int poll() {
        int pending = 0;
        for (Path object : newObjects()) {
            byte[] data = read(object);
            for (var subscriber : subscribers) {
                var taken = done.get(subscriber.name());
                if (taken.contains(object)) {
                    continue;
                }
                StreamsEventResponse response;
                try {
                    response = subscriber.function().handleRequest(batch(object, data), null);
                } catch (RuntimeException e) {
                    // a function error: Lambda retries the whole batch, and so does this feed
                    lastError = subscriber.name() + ": " + e;
                    retries.incrementAndGet();
                    pending++;
                    continue;
                }
                if (response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
                    taken.add(object);
                    if (delivered.add(object)) {
                        objects.incrementAndGet();
                        bytes.addAndGet(data.length);
                    }
                } else {
                    retries.incrementAndGet();
                    pending++;
                }
            }
        }
        return pending;
    }

    /** Polls until everything in the folder was taken by every function (or {@code attempts} polls failed). */
    void drain(int attempts) throws InterruptedException {
        for (int i = 0; i < attempts; i++) {
            if (poll() == 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + ": deliveries still failing after " + attempts + " attempts; last"
                + " error: " + lastError);
    }

    long objects() {
        return objects.get();
    }

    long bytes() {
        return bytes.get();
    }

    long retries() {
        return retries.get();
    }

    private List<Path> newObjects() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            var fresh = new ArrayList<Path>();
            for (Path p : files.filter(Files::isRegularFile).filter(accepts).toList()) {
                if (done.values().stream().anyMatch(taken -> !taken.contains(p))) {
                    fresh.add(p);
                }
            }
            fresh.sort(Comparator.comparing(FunctionFeed::modified).thenComparing(Path::toString));
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KinesisEvent batch(Path object, byte[] data) {
        var record = new KinesisEvent.Record();
        record.setData(ByteBuffer.wrap(data));
        record.setPartitionKey(object.getFileName().toString());
        record.setSequenceNumber(Long.toString(++sequence));
        record.setApproximateArrivalTimestamp(new Date());
        record.setKinesisSchemaVersion("1.0");
        var entry = new KinesisEvent.KinesisEventRecord();
        entry.setKinesis(record);
        entry.setEventSource("aws:kinesis");
        entry.setEventName("aws:kinesis:record");
        entry.setEventID("local:" + record.getSequenceNumber());
        entry.setEventSourceARN("arn:aws:kinesis:local:000000000000:stream/" + name);
        var event = new KinesisEvent();
        event.setRecords(List.of(entry));
        return event;
    }
}
