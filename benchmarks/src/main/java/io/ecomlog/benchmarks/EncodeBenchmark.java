package io.ecomlog.benchmarks;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.pipeline.PiiRedactor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The JSON-encoding limit on one thread: events per second the codec turns into JSON lines, with a generator per
 * event ({@code encode}, the thread-safe {@link EventCodec#encode}) and with the reusing encoder the dispatcher owns
 * ({@code encodeReusing}); the default PII redaction scan alone ({@code redact}, over already encoded lines); and both
 * as the dispatcher does them ({@code encodeAndRedact}). The dispatcher encodes on one thread, so this bounds the
 * end-to-end rate of {@link EndToEndHarness}, which sends the same events (cycled through the same pool size).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(1)
public class EncodeBenchmark {

    private static final int POOL = 20_000;

    private final EventCodec codec = new EventCodec();
    private final EventCodec.Encoder reusing = codec.newEncoder();
    private final PiiRedactor redactor = PiiRedactor.defaults();
    private EcomEvent[] events;
    private byte[][] lines;
    private int next;

    @Setup(Level.Trial)
    public void events() {
        events = new EcomEvent[POOL];
        lines = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            events[i] = SampleEvents.productViewed(i);
            lines[i] = codec.encode(events[i], Instant.now());
        }
    }

    private EcomEvent nextEvent() {
        var e = events[next];
        next = next + 1 == POOL ? 0 : next + 1;
        return e;
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(nextEvent(), Instant.now());
    }

    @Benchmark
    public byte[] encodeReusing() {
        return reusing.encode(nextEvent(), Instant.now());
    }

    @Benchmark
    public byte[] redact() {
        var line = lines[next];
        next = next + 1 == POOL ? 0 : next + 1;
        return redactor.redact(line);
    }

    @Benchmark
    public byte[] encodeAndRedact() {
        return redactor.redact(reusing.encode(nextEvent(), Instant.now()));
    }
}
