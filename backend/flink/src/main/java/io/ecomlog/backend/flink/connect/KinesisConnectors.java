package io.ecomlog.backend.flink.connect;

import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;
import org.apache.flink.connector.kinesis.source.KinesisStreamsSource;
import org.apache.flink.connector.kinesis.source.config.KinesisStreamsSourceConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;

import java.util.Arrays;
import java.util.Properties;

/**
 * The production connectors: the events stream read by the connector's FLIP-27 {@link KinesisStreamsSource} (one
 * split per shard, so watermarks and idleness are per shard) and the alerts stream written by
 * {@link KinesisStreamsSink}. Records go through as bytes: the shared reader, not the connector, de-aggregates KPL
 * records and inflates gzip, exactly as the Lambda consumers do.
 */
public final class KinesisConnectors {

    private KinesisConnectors() {
    }

    public static KinesisStreamsSource<byte[]> source(Connections c) {
        var config = new Configuration();
        aws(c).forEach((k, v) -> config.setString((String) k, (String) v));
        config.set(KinesisStreamsSourceConfigConstants.STREAM_INITIAL_POSITION,
                KinesisStreamsSourceConfigConstants.InitialPosition.valueOf(c.initialPosition().name()));
        return KinesisStreamsSource.<byte[]>builder()
                .setStreamArn(c.sourceArn())
                .setSourceConfig(config)
                .setDeserializationSchema(new RawRecords())
                .build();
    }

    public static KinesisStreamsSink<byte[]> sink(Connections c) {
        return KinesisStreamsSink.<byte[]>builder()
                .setStreamName(c.sinkStream())
                .setKinesisClientProperties(aws(c))
                .setSerializationSchema((SerializationSchema<byte[]>) record -> record)
                // spread alerts over the shards; their order does not matter (each carries its window)
                .setPartitionKeyGenerator(record -> Integer.toHexString(Arrays.hashCode(record)))
                .setFailOnError(false)
                .build();
    }

    private static Properties aws(Connections c) {
        var properties = new Properties();
        properties.setProperty(AWSConfigConstants.AWS_REGION, c.region());
        if (c.endpoint() != null) {
            properties.setProperty(AWSConfigConstants.AWS_ENDPOINT, c.endpoint());
            if (c.endpoint().startsWith("http:")) {
                // a local stand-in on plain HTTP: HTTP/2 needs TLS
                properties.setProperty(AWSConfigConstants.HTTP_PROTOCOL_VERSION, "HTTP1_1");
            }
        }
        return properties;
    }

    /** The record's bytes as they are. */
    static final class RawRecords extends AbstractDeserializationSchema<byte[]> {
        @Override
        public byte[] deserialize(byte[] message) {
            return message;
        }
    }
}
