package io.ecomlog.backend.flink.connect;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedSplitsTest {

    @Test
    void splitsComeInTheOrderOfTheirPartitionHourThenName() {
        var late = split("lake/event_type=order_completed/year=2011/month=01/day=02/hour=00/p-1.ndjson.gz");
        var early = split("lake/event_type=product_viewed/year=2010/month=12/day=31/hour=23/p-9.ndjson.gz");
        var sameHour = split("lake/event_type=order_completed/year=2010/month=12/day=31/hour=23/p-2.ndjson.gz");
        var outside = split("lake/elsewhere/x.ndjson");
        var assigner = new TimeOrderedSplits(List.of(late, early));
        assigner.addSplits(List.of(sameHour, outside));

        assertThat(assigner.remainingSplits()).containsExactly(outside, sameHour, early, late);
        var handedOut = new ArrayList<FileSourceSplit>();
        assigner.getNext(null).ifPresent(handedOut::add);
        assigner.getNext("host").ifPresent(handedOut::add);
        assertThat(handedOut).containsExactly(outside, sameHour);
        assertThat(assigner.remainingSplits()).containsExactly(early, late);
    }

    private static FileSourceSplit split(String path) {
        return new FileSourceSplit(path, new Path(path), 0, 10, 0, 10);
    }
}
