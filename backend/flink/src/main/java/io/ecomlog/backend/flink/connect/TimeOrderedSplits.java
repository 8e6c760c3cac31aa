package io.ecomlog.backend.flink.connect;

import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.regex.Pattern;

/**
 * Hands out the lake's objects in the order of the hour their partition names ({@code year=/month=/day=/hour=}),
 * then by name: a backfill of history read this way lets event time pass hour by hour, so windows fire as it passes
 * instead of every event arriving late behind a watermark that a later object already moved on. Objects of one hour
 * (of different event types) may come in any order, so a job reading this way needs at least an hour of
 * out-of-orderness. Flink's own assigners hand out splits in no stated order, hence this one.
 */
final class TimeOrderedSplits implements FileSplitAssigner {

    private static final Pattern HOUR = Pattern.compile("year=(\\d{4})/month=(\\d{2})/day=(\\d{2})/hour=(\\d{2})");
    static final Comparator<FileSourceSplit> ORDER = Comparator.comparing(TimeOrderedSplits::hourOf)
            .thenComparing(s -> s.path().getName()).thenComparing(FileSourceSplit::offset);

    private final PriorityQueue<FileSourceSplit> splits = new PriorityQueue<>(ORDER);

    TimeOrderedSplits(Collection<FileSourceSplit> initial) {
        splits.addAll(initial);
    }

    /** {@code yyyyMMddHH} of the object's partition; objects outside the layout sort first. */
    static String hourOf(FileSourceSplit split) {
        var m = HOUR.matcher(split.path().toString());
        return m.find() ? m.group(1) + m.group(2) + m.group(3) + m.group(4) : "";
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(splits.poll());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> newSplits) {
        splits.addAll(newSplits);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        List<FileSourceSplit> remaining = new ArrayList<>(splits);
        remaining.sort(ORDER);
        return remaining;
    }
}
