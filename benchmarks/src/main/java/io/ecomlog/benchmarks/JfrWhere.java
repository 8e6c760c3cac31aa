package io.ecomlog.benchmarks;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the CPU samples of a JDK Flight Recorder recording of {@link EndToEndHarness} go: each
 * {@code jdk.ExecutionSample} is charged to the first stage found walking its stack from the leaf toward the root, so
 * Jackson called by the codec counts as encoding and Jackson called by the SDK as marshalling.
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=e2e.jfr,settings=profile -cp benchmarks/target/benchmarks.jar \
 *     io.ecomlog.benchmarks.EndToEndHarness --runs kinesis
 * java -cp benchmarks/target/benchmarks.jar io.ecomlog.benchmarks.JfrWhere e2e.jfr
 * </pre>
 */
public final class JfrWhere {

    private record Stage(String name, List<String> prefixes) {
    }

    private static final List<Stage> STAGES = List.of(
            new Stage("encode (EventCodec, Jackson)", List.of("io.ecomlog.codec.")),
            new Stage("redaction (PiiRedactor)", List.of("io.ecomlog.pipeline.PiiRedactor")),
            new Stage("pack (RecordPacker)", List.of("io.ecomlog.transport.RecordPacker", "io.ecomlog.record.")),
            new Stage("endpoint decode (CountingEndpoint)", List.of("io.ecomlog.benchmarks.CountingEndpoint",
                    "io.ecomlog.testing.KinesisWire", "io.ecomlog.testing.FirehoseWire")),
            new Stage("SDK marshalling and HTTP client", List.of("software.amazon.awssdk.", "org.apache.http.")),
            new Stage("endpoint HTTP server", List.of("com.sun.net.httpserver.", "sun.net.httpserver.")),
            new Stage("pipeline (queue, dispatcher, channel)", List.of("io.ecomlog.pipeline.")),
            new Stage("harness (event pool, track calls)", List.of("io.ecomlog.benchmarks.")));
    private static final String OTHER = "other (JDK, GC helpers)";

    private JfrWhere() {
    }

    public static void main(String[] args) throws IOException {
        var byStage = new LinkedHashMap<String, Long>();
        var byThread = new TreeMap<String, Long>();
        var allocatedByStage = new LinkedHashMap<String, Long>();
        long total = 0;
        long allocated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (event.getStackTrace() == null) {
                continue;
            }
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    total++;
                    byStage.merge(stage(event.getStackTrace().getFrames()), 1L, Long::sum);
                    var thread = event.getThread("sampledThread");
                    String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
                    byThread.merge(ThreadCpu.group(name), 1L, Long::sum);
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = event.getLong("weight"); // the bytes this sample stands for
                    allocated += weight;
                    allocatedByStage.merge(stage(event.getStackTrace().getFrames()), weight, Long::sum);
                }
                default -> {
                }
            }
        }
        System.out.println(total + " CPU samples");
        print("stage", "samples", byStage, total);
        print("thread", "samples", byThread, total);
        System.out.printf("%n%,d MB allocated (sampled estimate)%n", allocated >> 20);
        print("allocating stage", "bytes", allocatedByStage, allocated);
    }

    private static String stage(List<RecordedFrame> frames) {
        for (var frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (var stage : STAGES) {
                for (var prefix : stage.prefixes()) {
                    if (type.startsWith(prefix)) {
                        return stage.name();
                    }
                }
            }
        }
        return OTHER;
    }

    private static void print(String what, String unit, Map<String, Long> counts, long total) {
        System.out.printf("%n| %s | %s | share |%n|---|---:|---:|%n", what, unit);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf("| %s | %,d | %.1f %% |%n", e.getKey(), e.getValue(),
                        100.0 * e.getValue() / total));
    }
}
