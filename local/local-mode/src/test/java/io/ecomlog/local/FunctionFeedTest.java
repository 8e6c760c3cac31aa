package io.ecomlog.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local stand-in for Lambda's event-source mapping: each object once per function, failures retried. */
class FunctionFeedTest {

    @TempDir
    Path dir;

    /** Records what it was given; fails (batch item failure or exception) as many times as asked first. */
    private static final class Function implements RequestHandler<KinesisEvent, StreamsEventResponse> {
        final List<String> taken = new ArrayList<>();
        final AtomicInteger failuresLeft;
        final boolean throwing;

        Function(int failures, boolean throwing) {
            this.failuresLeft = new AtomicInteger(failures);
            this.throwing = throwing;
        }

        @Override
        public StreamsEventResponse handleRequest(KinesisEvent input, com.amazonaws.services.lambda.runtime.Context c) {
            var record = input.getRecords().get(0).getKinesis();
            if (failuresLeft.getAndDecrement() > 0) {
                if (throwing) {
                    throw new IllegalStateException("DynamoDB is down");
                }
                return StreamsEventResponse.builder().withBatchItemFailures(List.of(
                        StreamsEventResponse.BatchItemFailure.builder()
                                .withItemIdentifier(record.getSequenceNumber()).build())).build();
            }
            taken.add(StandardCharsets.UTF_8.decode(record.getData()).toString());
            return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
        }
    }

    @Test
    void eachObjectReachesEveryFunctionOnceAndFailuresAreRetried() throws Exception {
        Files.writeString(dir.resolve("a.ndjson.gz"), "first");
        Files.createDirectories(dir.resolve("p=1"));
        Files.writeString(dir.resolve("p=1").resolve("b.ndjson.gz"), "second");
        Files.writeString(dir.resolve(".hidden.ndjson.gz.inprogress"), "not yet");
        var healthy = new Function(0, false);
        var reportsFailure = new Function(1, false);
        var throwsOnce = new Function(1, true);
        var feed = new FunctionFeed("test", dir, p -> p.toString().endsWith(".ndjson.gz"), List.of(
                new FunctionFeed.Subscriber("healthy", healthy),
                new FunctionFeed.Subscriber("failure", reportsFailure),
                new FunctionFeed.Subscriber("throws", throwsOnce)));

        assertThat(feed.poll()).isEqualTo(2); // one retry owed to each failing function
        feed.drain(5);
        assertThat(feed.poll()).isZero();

        assertThat(healthy.taken).containsExactlyInAnyOrder("first", "second");
        assertThat(reportsFailure.taken).containsExactlyInAnyOrder("first", "second");
        assertThat(throwsOnce.taken).containsExactlyInAnyOrder("first", "second");
        assertThat(feed.objects()).isEqualTo(2);
        assertThat(feed.retries()).isEqualTo(2);

        Files.writeString(dir.resolve("c.ndjson.gz"), "third");
        feed.poll();
        assertThat(healthy.taken).containsExactlyInAnyOrder("first", "second", "third");
    }

    @Test
    void anOutageThatDoesNotHealIsReportedWithItsError() throws Exception {
        Files.writeString(dir.resolve("a.ndjson.gz"), "first");
        var down = new Function(Integer.MAX_VALUE, true);
        var feed = new FunctionFeed("test", dir, p -> true, List.of(new FunctionFeed.Subscriber("down", down)));

        assertThatThrownBy(() -> feed.drain(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still failing after 3 attempts").hasMessageContaining("DynamoDB is down");
        assertThat(down.taken).isEmpty();
    }
}
