package io.ecomlog.simulator;

import io.ecomlog.event.App;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.event.UuidV7;
import io.ecomlog.publicdata.ApacheAccessLogParser;
import io.ecomlog.publicdata.OnlineRetailParser;
import io.ecomlog.publicdata.ParseResult;
import io.ecomlog.publicdata.Rees46Parser;
import io.ecomlog.publicdata.TextFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public samples (or the full files users download: REES46 monthly CSVs, plain or gzip; Online Retail CSV with
 * US or ISO dates; Apache/Nginx access logs), parsed by the examples' parsers — the ones the backend's tests use —
 * and interleaved so that each file's events are spread over the run in their own order. A replayed event keeps its
 * content (user, session, products, prices, order id) and gets the run's shop, a new event id and the time it is
 * sent: a month of history compressed into a minute, which a live backend can window. A backfill
 * ({@code keepTime}) instead merges the files in time order and keeps each event's own time.
 */
final class Replay {

    private final List<ParseResult> parses;
    private final List<EcomEvent> ordered;
    /** The index in {@link #parses} of each event's file. */
    private final int[] fileOf;
    private final long[] sentByFile;
    private final boolean keepTime;
    private int next;

    private Replay(List<ParseResult> parses, boolean keepTime) {
        this.parses = List.copyOf(parses);
        this.keepTime = keepTime;
        var tagged = new ArrayList<List<Tagged>>();
        for (int f = 0; f < parses.size(); f++) {
            int file = f;
            tagged.add(parses.get(f).events().stream().map(e -> new Tagged(e, file)).toList());
        }
        var merged = keepTime ? inTimeOrder(tagged) : interleave(tagged);
        this.ordered = merged.stream().map(Tagged::event).toList();
        this.fileOf = merged.stream().mapToInt(Tagged::file).toArray();
        this.sentByFile = new long[parses.size()];
    }

    private record Tagged(EcomEvent event, int file) {
    }

    static Replay load(SimulationSettings.ReplayFiles files, long maxRows, boolean keepTime) throws IOException {
        var parses = new ArrayList<ParseResult>();
        if (exists(files.rees46())) {
            try (var reader = limited(files.rees46(), maxRows, true)) {
                parses.add(new Rees46Parser().parse(reader));
            }
        }
        if (exists(files.onlineRetail())) {
            try (var reader = limited(files.onlineRetail(), maxRows, true)) {
                parses.add(new OnlineRetailParser().parse(reader));
            }
        }
        if (exists(files.accessLog())) {
            try (var reader = limited(files.accessLog(), maxRows, false)) {
                parses.add(new ApacheAccessLogParser().parse(reader));
            }
        }
        return new Replay(parses, keepTime);
    }

    private static boolean exists(Path file) {
        return file != null && Files.isRegularFile(file);
    }

    /** The file's first {@code maxRows} rows (0: all), after its header line if it has one. */
    private static BufferedReader limited(Path file, long maxRows, boolean header) throws IOException {
        BufferedReader in = TextFiles.reader(file);
        if (maxRows == 0) {
            return in;
        }
        long lines = header ? maxRows + 1 : maxRows;
        return new BufferedReader(Reader.nullReader()) {
            private long read;

            @Override
            public String readLine() throws IOException {
                return read++ >= lines ? null : in.readLine();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** All events by their time; a stable sort, so events of one time keep their file's order. */
    private static List<Tagged> inTimeOrder(List<List<Tagged>> lists) {
        var all = new ArrayList<Tagged>();
        lists.forEach(all::addAll);
        all.sort(Comparator.comparing(t -> t.event().eventTime()));
        return all;
    }

    /** Merges the lists so that each is spread evenly over the result, keeping each list's order. */
    static <T> List<T> interleave(List<List<T>> lists) {
        long total = lists.stream().mapToLong(List::size).sum();
        var out = new ArrayList<T>((int) total);
        int[] taken = new int[lists.size()];
        for (long i = 0; i < total; i++) {
            // the list furthest behind its share of the output so far goes next
            int best = -1;
            double bestLag = Double.NEGATIVE_INFINITY;
            for (int l = 0; l < lists.size(); l++) {
                int size = lists.get(l).size();
                if (taken[l] < size) {
                    double lag = (double) (i + 1) * size / total - taken[l];
                    if (lag > bestLag) {
                        bestLag = lag;
                        best = l;
                    }
                }
            }
            out.add(lists.get(best).get(taken[best]++));
        }
        return out;
    }

    List<ParseResult> parses() {
        return parses;
    }

    List<EcomEvent> events() {
        return ordered;
    }

    int size() {
        return ordered.size();
    }

    int sent() {
        return next;
    }

    boolean hasNext() {
        return next < ordered.size();
    }

    /** The next event, re-stamped for this run: the shop, a new id, and now unless the replay keeps times. */
    EcomEvent next(String shop) {
        sentByFile[fileOf[next]]++;
        var original = ordered.get(next++);
        return original.toBuilder().eventId(UuidV7.generate())
                .eventTime(keepTime ? original.eventTime() : Instant.now())
                .app(App.builder().name(shop).build()).build();
    }

    /** Events sent so far by file, by the file's source name ({@link ParseResult#source()}). */
    Map<String, Long> sentBySource() {
        var out = new LinkedHashMap<String, Long>();
        for (int f = 0; f < parses.size(); f++) {
            out.merge(parses.get(f).source(), sentByFile[f], Long::sum);
        }
        return out;
    }
}
