package io.ecomlog.backend.flink.connect;

import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

import java.nio.charset.StandardCharsets;

/**
 * The local-mode connectors: the local data lake as the source (every NDJSON or NDJSON.gz object under a folder,
 * recursively, gzip inflated by the file source; new objects picked up every monitor interval) and a folder of
 * JSON-lines files as the sink, exactly-once: part files become visible when a checkpoint completes. A backfill reads
 * the lake in the time order of its partitions ({@code ecomlog.source.order=time}, {@link TimeOrderedSplits}).
 */
public final class LakeConnectors {

    private LakeConnectors() {
    }

    /** Lines of the lake's objects; each line is one record for the decoder. */
    public static FileSource<String> source(Connections c) {
        var builder = FileSource.forRecordStreamFormat(new TextLineInputFormat(StandardCharsets.UTF_8.name()),
                new Path(c.sourcePath()));
        if (!c.sourceMonitor().isZero()) {
            builder.monitorContinuously(c.sourceMonitor());
        }
        if (c.sourceOrder() == Connections.SourceOrder.TIME) {
            builder.setSplitAssigner(TimeOrderedSplits::new);
        }
        return builder.build();
    }

    public static FileSink<byte[]> sink(Connections c) {
        Encoder<byte[]> lines = (record, out) -> {
            out.write(record);
            out.write('\n');
        };
        return FileSink.forRowFormat(new Path(c.sinkPath()), lines)
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("analytics").withPartSuffix(".jsonl")
                        .build())
                .build();
    }
}
