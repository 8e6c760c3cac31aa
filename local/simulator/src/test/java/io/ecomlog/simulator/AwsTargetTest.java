package io.ecomlog.simulator;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.publicdata.PublicData;
import io.ecomlog.record.RecordCodec;
import io.ecomlog.testing.KinesisLocal;
import io.ecomlog.testing.KinesisRecordData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --target aws}: the same traffic through the appender to a Kinesis stream (kinesis-local, reached with an
 * endpoint override; credentials from the environment, as a profile would give them).
 */
class AwsTargetTest {

    @Test
    void everyEventReachesTheStreamOnce(@TempDir Path dir) throws Exception {
        var kinesis = KinesisLocal.shared();
        var stream = kinesis.uniqueStreamName("sim");
        kinesis.createStream(stream, 2);
        var settings = new SimulationSettings(1_000, 5_000, Duration.ofMinutes(1), 3,
                SimulationSettings.ReplayFiles.samples(PublicData.findDataDir()), 0, 1, 0, 1, "aws-shop", true, false);

        var report = new Simulation(settings, Target.aws(stream, null, null, "us-east-1",
                kinesis.endpoint().toString()), dir.resolve("spool")).run();

        assertThat(report.lost()).isZero();
        assertThat(report.closedInTime()).isTrue();
        var codec = new EventCodec();
        var byType = new TreeMap<String, Long>();
        var ids = new java.util.HashSet<String>();
        for (byte[] line : RecordCodec.lines(kinesis.readAll(stream).stream().map(KinesisRecordData::data).toList())) {
            var event = codec.decode(line);
            assertThat(ids.add(event.eventId().toString())).isTrue();
            byType.merge(event.eventType().wireName(), 1L, Long::sum);
        }
        assertThat(byType).isEqualTo(report.sentByType());
        assertThat(report.sent()).isGreaterThanOrEqualTo(1_000);
    }
}
