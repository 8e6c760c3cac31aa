package io.ecomlog.backend.flink.connect;

import io.ecomlog.backend.flink.settings.Parameters;

import java.io.Serializable;
import java.time.Duration;

/**
 * Where records come from and where alert and KPI records go (groups {@code ecomlog.source} and
 * {@code ecomlog.sink}). In production both are Kinesis streams; in local mode the source is the local data lake
 * (the NDJSON.gz objects the client's local transport writes) and the sink a folder of JSON-lines files.
 *
 * @param sourceArn        the events stream's ARN (Kinesis source; the connector addresses streams by ARN)
 * @param initialPosition  where a fresh start reads from: {@code LATEST} or {@code TRIM_HORIZON}
 * @param sourcePath       the lake folder (files source), read recursively; gzip objects are inflated
 * @param sourceMonitor    how often the lake folder is scanned for new objects; zero reads what is there and ends
 * @param sourceOrder      the order the lake's objects are read in: {@code ANY}, or {@code TIME} (by partition hour,
 *                         for a backfill of history; see {@code TimeOrderedSplits})
 * @param sinkStream       the alerts stream's name (Kinesis sink)
 * @param sinkPath         the folder alert and KPI lines are written to (files sink), committed on checkpoints
 * @param region           AWS region of both streams
 * @param endpoint         an endpoint override for Kinesis (a local stand-in), or null
 */
public record Connections(SourceType source, String sourceArn, InitialPosition initialPosition, String sourcePath,
                          Duration sourceMonitor, SourceOrder sourceOrder, SinkType sink, String sinkStream, String sinkPath, String region,
                          String endpoint) implements Serializable {

    public enum SourceType { KINESIS, FILES }

    public enum SinkType { KINESIS, FILES, PRINT }

    public enum InitialPosition { LATEST, TRIM_HORIZON }

    public enum SourceOrder { ANY, TIME }

    public static Connections from(Parameters p) {
        SourceType source = p.choice("ecomlog.source.type", SourceType.class, SourceType.KINESIS);
        SinkType sink = p.choice("ecomlog.sink.type", SinkType.class, SinkType.KINESIS);
        String region = p.text("ecomlog.aws.region", System.getenv().getOrDefault("AWS_REGION", null));
        String endpoint = p.text("ecomlog.aws.endpoint", null);
        String arn = null;
        String sourcePath = null;
        if (source == SourceType.KINESIS) {
            arn = p.required("ecomlog.source.stream.arn", "the events stream to read, arn:aws:kinesis:...:stream/...");
            if (!arn.startsWith("arn:")) {
                throw new IllegalArgumentException("ecomlog.source.stream.arn must be a stream ARN, was '" + arn + "'");
            }
        } else {
            sourcePath = p.required("ecomlog.source.path", "the local data lake folder to read");
        }
        InitialPosition position = p.choice("ecomlog.source.initial.position", InitialPosition.class,
                InitialPosition.LATEST);
        Duration monitor = p.duration("ecomlog.source.monitor.interval", Duration.ofSeconds(2), Duration.ZERO);
        SourceOrder order = p.choice("ecomlog.source.order", SourceOrder.class, SourceOrder.ANY);
        String sinkStream = null;
        String sinkPath = null;
        if (sink == SinkType.KINESIS) {
            sinkStream = p.required("ecomlog.sink.alerts.stream.name", "the alerts stream the alerter reads");
        } else if (sink == SinkType.FILES) {
            sinkPath = p.required("ecomlog.sink.path", "the folder alert and KPI lines are written to");
        }
        if ((source == SourceType.KINESIS || sink == SinkType.KINESIS) && region == null) {
            throw new IllegalArgumentException("ecomlog.aws.region must be set (or AWS_REGION) to use Kinesis");
        }
        return new Connections(source, arn, position, sourcePath, monitor, order, sink, sinkStream, sinkPath, region,
                endpoint);
    }
}
