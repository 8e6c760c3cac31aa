package io.ecomlog.shipper;

import io.ecomlog.pipeline.EcomlogClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Tails the files of every flow through the core pipeline. One thread does everything — scan, read, convert, hand
 * to the client, flush, checkpoint — so a position is only ever written after the client settled every line before
 * it ({@link EcomlogClient#flush} returned true): a restart neither loses nor skips a line, and a line shipped again
 * after a crash between delivery and checkpoint keeps its deterministic event id.
 */
public final class Shipper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Shipper.class);

    /** Lines read from one file before the others get their turn. */
    private static final int LINES_PER_TURN = 5_000;
    /** A file that left its glob gets its last partial line shipped, and is let go, after this long unchanged. */
    static final Duration GONE_GRACE = Duration.ofSeconds(1);
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final ShipperConfig config;
    private final Clients clients;
    private final Checkpoints checkpoints;
    private final List<FlowTail> flows = new ArrayList<>();
    private final LineConverter converter = new LineConverter();
    private final ShipCounters counters = new ShipCounters();
    private boolean started;
    private boolean dirty;
    private long nextCommit;
    private long undeliverableSeen;

    public Shipper(ShipperConfig config) {
        this.config = config;
        config.flows().forEach(f -> flows.add(new FlowTail(f)));
        this.checkpoints = new Checkpoints(config.checkpointFile());
        this.clients = new Clients(config);
        config.warnings().forEach(w -> LOG.warn("{}", w));
    }

    public ShipCounters counters() {
        return counters;
    }

    /**
     * Ships the complete lines that exist now, commits, and closes: {@code --once}. Returns whether the last
     * checkpoint was written (false: the destination did not take everything in time; a next run reads it again).
     */
    public boolean runOnce() {
        try {
            start();
            while (poll() > 0) {
                commitIfDue();
            }
            boolean committed = commit();
            LOG.info("done: {}", status());
            return committed;
        } finally {
            close();
        }
    }

    /**
     * Tails until {@code stop} says so, then flushes, writes the last checkpoint and closes. Prints the status line
     * at the configured interval.
     */
    public void run(BooleanSupplier stop) {
        try {
            start();
            long nextStatus = System.nanoTime() + config.statusInterval().toNanos();
            while (!stop.getAsBoolean()) {
                int read = poll();
                commitIfDue();
                if (!config.statusInterval().isZero() && System.nanoTime() >= nextStatus) {
                    LOG.info("{}", status());
                    nextStatus = System.nanoTime() + config.statusInterval().toNanos();
                }
                if (read == 0) {
                    sleep(config.pollInterval());
                }
            }
            commit();
            LOG.info("stopped: {}", status());
        } finally {
            close();
        }
    }

    /** The status line as it is now. */
    public String status() {
        int files = flows.stream().mapToInt(f -> f.files().size()).sum();
        return ShipCounters.statusLine(counters.snapshot(), files,
                clients.all().values().stream().map(EcomlogClient::stats).toList());
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        nextCommit = System.nanoTime() + config.checkpointInterval().toNanos();
        try {
            var saved = checkpoints.load();
            for (var flow : flows) {
                flow.scan(true, saved);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint file " + checkpoints.file(), e);
        }
    }

    /** Commits at the checkpoint interval (the agent's buffer age): a flush sends what waits, so not more often. */
    private void commitIfDue() {
        if (dirty && System.nanoTime() >= nextCommit) {
            commit();
        }
    }

    /** Flushes every client; only when all settled, writes the positions and lets finished files go. */
    boolean commit() {
        nextCommit = System.nanoTime() + config.checkpointInterval().toNanos();
        if (!clients.flush(FLUSH_TIMEOUT)) {
            counters.committed(false);
            LOG.warn("the clients did not settle within {}: the checkpoint stays where it was", FLUSH_TIMEOUT);
            return false;
        }
        long undeliverable = clients.undeliverable();
        if (undeliverable > undeliverableSeen) {
            // settled, but some were dropped with nowhere to go (destination down, no spool): read them again
            undeliverableSeen = undeliverable;
            flows.forEach(f -> f.files().forEach(TailedFile::rewind));
            counters.rewound();
            LOG.warn("{} events could not be delivered (no spool to keep them): reading again from the last "
                    + "checkpoint", undeliverable);
            return false;
        }
        var entries = new ArrayList<Checkpoints.Entry>();
        var finished = new ArrayList<Runnable>();
        try {
            for (var flow : flows) {
                for (var file : flow.files()) {
                    var fp = file.fingerprint();
                    entries.add(new Checkpoints.Entry(flow.flow().id(), file.fileKey(),
                            fp == null ? null : fp.sha256(), fp == null ? 0 : fp.length(), file.path().toString(),
                            file.position()));
                    if (finished(file) && file.position() >= file.size()) {
                        finished.add(() -> flow.drop(file));
                    }
                }
            }
            checkpoints.save(entries);
        } catch (IOException e) {
            counters.committed(false);
            LOG.warn("cannot write the checkpoint file {}: {}", checkpoints.file(), e.toString());
            return false;
        }
        counters.committed(true);
        flows.forEach(f -> f.files().forEach(TailedFile::committed));
        dirty = false;
        finished.forEach(Runnable::run);
        return true;
    }

    /** One round over every flow: scan the directory, then read what is new in each file. Returns lines read. */
    int poll() {
        int read = 0;
        for (var flow : flows) {
            try {
                counters.rotations(flow.scan(false, List.of()));
                for (var file : List.copyOf(flow.files())) {
                    read += ship(flow.flow(), file);
                }
            } catch (IOException e) {
                LOG.warn("flow {}: {}", flow.flow().filePattern(), e.toString());
            }
        }
        return read;
    }

    private int ship(FlowConfig flow, TailedFile file) throws IOException {
        if (file.restartIfTruncated()) {
            counters.truncation();
            LOG.info("{} was truncated or rewritten: reading it again from the start", file.path());
        }
        if (file.gone()) {
            file.noteSize(file.size(), System.nanoTime());
        }
        boolean finishing = finished(file);
        var chunk = file.read(LINES_PER_TURN, config.maxLineBytes(), finishing);
        var client = clients.of(flow.target());
        String source = file.path().toString();
        var lines = chunk.lines();
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i);
            var result = converter.convert(flow.format(), line.bytes(), file.eventId(line.offset()), source);
            if (result instanceof LineConverter.Converted c) {
                if (!client.track(c.event())) {
                    // the client is full or closing: this line is read again next round, never skipped
                    return i;
                }
                counters.event();
            } else {
                counters.rejected(((LineConverter.Rejected) result).reason());
            }
            counters.line(line.cut());
            file.advanceTo(line.end());
            dirty = true;
        }
        if (chunk.end() > file.position()) {
            file.advanceTo(chunk.end()); // blank lines after the last event
            dirty = true;
        }
        if (finishing && file.position() >= file.size()) {
            dirty = true; // a commit lets it go
        }
        return chunk.lines().size();
    }

    /** A gone file whose size stayed the same for the grace time: its last line is complete, whatever it ends with. */
    private static boolean finished(TailedFile file) {
        return file.gone() && file.unchangedFor(System.nanoTime()).compareTo(GONE_GRACE) >= 0;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        clients.close(CLOSE_TIMEOUT);
        for (var flow : flows) {
            try {
                flow.close();
            } catch (IOException e) {
                LOG.warn("closing {}: {}", flow.flow().filePattern(), e.toString());
            }
        }
    }
}
