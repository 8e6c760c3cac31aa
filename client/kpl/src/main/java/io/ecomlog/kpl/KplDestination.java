package io.ecomlog.kpl;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.ecomlog.record.EncodedEvent;
import io.ecomlog.transport.DeliveryReport;
import io.ecomlog.transport.Destination;
import io.ecomlog.transport.FailedEvent;
import io.ecomlog.transport.FailureClassifier;
import io.ecomlog.transport.FailureKind;
import io.ecomlog.transport.PackedRecord;
import io.ecomlog.transport.RecordLimits;
import io.ecomlog.transport.RecordPacker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.producer.Attempt;
import software.amazon.kinesis.producer.DaemonException;
import software.amazon.kinesis.producer.FutureTimedOutException;
import software.amazon.kinesis.producer.KinesisProducer;
import software.amazon.kinesis.producer.UserRecordFailedException;
import software.amazon.kinesis.producer.UserRecordResult;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Kinesis Data Streams destination on the Kinesis Producer Library (KPL 1.x and its native daemon): events are
 * packed into NDJSON user records (or one event per user record), handed to the KPL, which aggregates them into
 * Kinesis records, and each {@link #deliver} waits (bounded) for the KPL's results of its own records, so the
 * pipeline's retries, S3 backup, spool and counting apply unchanged:
 *
 * <pre>{@code
 * var kpl = new KplDestination(KplSettings.builder("events").region("eu-west-1").build());
 * var client = EcomlogClient.builder().destination(kpl).s3Backup(s3, "backup-bucket", "backup").build();
 * }</pre>
 *
 * <p>Failures, per event: a record that expired in the KPL (RecordTtl) or was throttled is THROTTLED; a record the
 * daemon took with it when it died, or without a result by the delivery timeout, is NETWORK; a rejected request
 * (missing stream, access denied) is CLIENT_ERROR; a 5xx SERVER_ERROR. While the KPL holds more than
 * {@link KplSettings#maxOutstandingRecords()} records (or this destination more than
 * {@link KplSettings#maxOutstandingBytes()} bytes), adding waits up to {@link KplSettings#backpressureWait()}, then
 * the rest of the batch is reported THROTTLED: memory stays bounded by the pipeline's queue and its overflow policy.
 *
 * <p>Daemon death (its process gone, or futures failed by the daemon) is counted in {@link #health()}; what it held is
 * failed back to the pipeline (a record may then arrive twice: at-least-once) and a new producer is started. The
 * producer is started on first use (or by {@link #start()}), never by the constructor. {@link #close()} flushes and
 * waits at most {@link KplSettings#closeTimeout()}, then destroys the producer.
 */
public final class KplDestination implements Destination {

    /** The KPL's largest user record (data plus partition key, bytes). */
    public static final int MAX_USER_RECORD_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(KplDestination.class);
    private static final long PID_DISCOVERY_MILLIS = 5_000;
    private static final long MIN_RESTART_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long ORPHAN_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How long records of a dead daemon may still get the KPL's answer before they are failed back. */
    private static final long DEATH_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final KplSettings settings;
    private final String name;
    private final RecordPacker packer;
    private final Object producerLock = new Object();
    private final ScheduledExecutorService watchdog;
    private final AtomicBoolean closed = new AtomicBoolean();

    private volatile Producer current;
    private volatile long lastStartNanos;
    private final AtomicLong producersStarted = new AtomicLong();
    private final AtomicLong daemonDeaths = new AtomicLong();
    private final AtomicLong outstandingBytes = new AtomicLong();
    private final AtomicLong backpressureRejected = new AtomicLong();
    private final AtomicLong resultTimeouts = new AtomicLong();
    private final AtomicLong failedByDaemonDeath = new AtomicLong();
    private volatile String lastDeathCause;
    private volatile Instant lastDeathAt;
    /** Destroyed producers, watched for a while: KPL 1.1.1 may restart a daemon even after destroy(). */
    private final List<Retired> retired = new CopyOnWriteArrayList<>();

    private record Retired(Producer producer, long atNanos) {
    }

    /** One KPL producer and its daemon's process id ({@code null} if it could not be found). */
    private static final class Producer {
        final KinesisProducer kpl;
        final Long pid;
        final AtomicBoolean dead = new AtomicBoolean();
        final AtomicBoolean destroyed = new AtomicBoolean();
        volatile long diedAtNanos;

        Producer(KinesisProducer kpl, Long pid) {
            this.kpl = kpl;
            this.pid = pid;
        }
    }

    public KplDestination(KplSettings settings) {
        this.settings = settings;
        this.name = "kpl:" + settings.streamName();
        int target = settings.packing() ? settings.packedRecordBytes() : 1; // target 1: every event travels alone
        var limits = new RecordLimits(500, 5L * 1024 * 1024, MAX_USER_RECORD_BYTES, target, true);
        this.packer = new RecordPacker(limits, settings.gzip());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "ecomlog-kpl-watchdog-" + settings.streamName());
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::checkDaemon, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long maxEventBytes() {
        // one event per user record at worst, plus its newline and a partition key of up to 256 chars
        return MAX_USER_RECORD_BYTES - 1 - 256;
    }

    /** Starts the KPL producer now rather than on the first delivery (its daemon then fetches the shard map). */
    public void start() {
        producer();
    }

    /** The daemon's state and this destination's counters. */
    public KplHealth health() {
        var p = current;
        boolean alive = p == null || (!p.dead.get() && (p.pid == null || DaemonProcesses.isAlive(p.pid)));
        int outstanding = 0;
        if (p != null && !p.dead.get()) {
            try {
                outstanding = p.kpl.getOutstandingRecordsCount();
            } catch (RuntimeException ignored) {
                // a producer being destroyed
            }
        }
        return new KplHealth(alive, p == null ? null : p.pid, producersStarted.get(), daemonDeaths.get(),
                lastDeathCause, lastDeathAt, outstanding, outstandingBytes.get(), backpressureRejected.get(),
                resultTimeouts.get(), failedByDaemonDeath.get());
    }

    /** The settings this destination was built with. */
    public KplSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ delivery

    private record Handed(PackedRecord record, ListenableFuture<UserRecordResult> future) {
    }

    @Override
    public DeliveryReport deliver(List<EncodedEvent> events) {
        if (events.isEmpty()) {
            return new DeliveryReport(0, List.of(), 0, 0, 0, null);
        }
        if (closed.get()) {
            return DeliveryReport.allFailed(events, FailureKind.NETWORK, new IllegalStateException(name + " is closed"));
        }
        Producer p;
        try {
            p = producer();
        } catch (RuntimeException e) {
            return DeliveryReport.allFailed(events, FailureKind.NETWORK, e);
        }
        var records = packer.pack(events);
        var failed = new ArrayList<FailedEvent>();
        var handed = new ArrayList<Handed>(records.size());
        Throwable callFailure = null;
        long backpressureDeadline = System.nanoTime() + settings.backpressureWait().toNanos();
        int i = 0;
        for (; i < records.size(); i++) {
            var record = records.get(i);
            int size = record.sizeWithKey();
            if (!awaitRoom(p, size, backpressureDeadline) || p.dead.get()) {
                break;
            }
            ListenableFuture<UserRecordResult> future;
            try {
                future = p.kpl.addUserRecord(settings.streamName(), record.partitionKey(), ByteBuffer.wrap(record.data()));
            } catch (IllegalArgumentException e) {
                // the KPL refused the record as such (partition key, size): retrying cannot help
                fail(failed, record, FailureKind.CLIENT_ERROR, describe(e));
                continue;
            } catch (RuntimeException e) { // DaemonException: the daemon is gone
                callFailure = e;
                markDead(p, e);
                for (int j = i; j < records.size(); j++) {
                    fail(failed, records.get(j), FailureKind.NETWORK, describe(e));
                }
                i = records.size();
                break;
            }
            outstandingBytes.addAndGet(size);
            future.addListener(() -> outstandingBytes.addAndGet(-size), MoreExecutors.directExecutor());
            handed.add(new Handed(record, future));
        }
        if (i < records.size() && p.dead.get()) { // the daemon died while this batch was being handed over
            String detail = "KPL daemon died: " + lastDeathCause;
            for (int j = i; j < records.size(); j++) {
                fail(failed, records.get(j), FailureKind.NETWORK, detail);
            }
            i = records.size();
        }
        if (i < records.size()) { // back-pressure: the bounds stayed exceeded for backpressureWait
            String detail = "KPL back-pressure: " + outstandingRecords(p) + " records / " + outstandingBytes.get()
                    + " bytes outstanding (bounds " + settings.maxOutstandingRecords() + " / "
                    + settings.maxOutstandingBytes() + ")";
            for (int j = i; j < records.size(); j++) {
                backpressureRejected.addAndGet(records.get(j).events().size());
                fail(failed, records.get(j), FailureKind.THROTTLED, detail);
            }
        }

        int delivered = 0, recordsOk = 0;
        long bytesOk = 0;
        long deadline = System.nanoTime() + settings.deliveryTimeout().toNanos();
        boolean interrupted = false;
        for (var h : handed) {
            if (interrupted) {
                fail(failed, h.record(), FailureKind.NETWORK, "interrupted while waiting for the KPL's result");
                continue;
            }
            try {
                if (!awaitResult(p, h.future(), deadline)) {
                    // the daemon died and the KPL did not answer for this record (its answer can be lost when the
                    // dead producer is destroyed): it goes back to the pipeline
                    failedByDaemonDeath.incrementAndGet();
                    callFailure = new DaemonException("KPL daemon died: " + lastDeathCause);
                    fail(failed, h.record(), FailureKind.NETWORK, "KPL daemon died: " + lastDeathCause);
                    continue;
                }
                h.future().get();
                delivered += h.record().events().size();
                recordsOk++;
                bytesOk += h.record().data().length;
            } catch (ExecutionException e) {
                var cause = e.getCause() == null ? e : e.getCause();
                if (isDaemonFailure(cause)) {
                    if (!closed.get()) {
                        failedByDaemonDeath.incrementAndGet();
                        markDead(p, cause);
                    }
                    callFailure = cause;
                    fail(failed, h.record(), FailureKind.NETWORK, "KPL daemon failed: " + describe(cause));
                } else {
                    fail(failed, h.record(), classify(cause), describe(cause));
                }
            } catch (TimeoutException e) {
                resultTimeouts.incrementAndGet();
                fail(failed, h.record(), FailureKind.NETWORK,
                        "no KPL result within the delivery timeout of " + settings.deliveryTimeout());
            } catch (InterruptedException e) {
                interrupted = true;
                fail(failed, h.record(), FailureKind.NETWORK, "interrupted while waiting for the KPL's result");
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new DeliveryReport(delivered, failed, 1, recordsOk, bytesOk, callFailure);
    }

    /**
     * Waits until the future is done (true), or the producer has been dead for {@link #DEATH_GRACE_NANOS} without
     * answering it (false); throws TimeoutException at the deadline.
     */
    private static boolean awaitResult(Producer p, ListenableFuture<UserRecordResult> future, long deadline)
            throws InterruptedException, TimeoutException {
        while (!future.isDone()) {
            long now = System.nanoTime();
            if (now >= deadline) {
                throw new TimeoutException();
            }
            long diedAt = p.diedAtNanos;
            if (diedAt != 0 && now - diedAt > DEATH_GRACE_NANOS) {
                return false;
            }
            try {
                future.get(Math.min(deadline - now, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // done (handled by the caller) or not yet
            }
        }
        return true;
    }

    private boolean awaitRoom(Producer p, int size, long deadlineNanos) {
        while (true) {
            int outstanding = outstandingRecords(p);
            long bytes = outstandingBytes.get();
            if (outstanding < settings.maxOutstandingRecords()
                    && (bytes == 0 || bytes + size <= settings.maxOutstandingBytes())) {
                return true;
            }
            if (System.nanoTime() >= deadlineNanos || p.dead.get()) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static int outstandingRecords(Producer p) {
        try {
            return p.kpl.getOutstandingRecordsCount();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static void fail(List<FailedEvent> failed, PackedRecord record, FailureKind kind, String detail) {
        for (var e : record.events()) {
            failed.add(new FailedEvent(e, kind, detail));
        }
    }

    private static String describe(Throwable t) {
        if (t instanceof UserRecordFailedException f && f.getResult() != null) {
            var attempts = f.getResult().getAttempts();
            if (attempts != null && !attempts.isEmpty()) {
                Attempt last = attempts.get(attempts.size() - 1);
                return last.getErrorCode() + ": " + last.getErrorMessage() + " (" + attempts.size() + " attempts)";
            }
            return "UserRecordFailedException: no attempts";
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Whether a future failed because of the daemon (death, destroy, broken pipe) rather than the record. */
    static boolean isDaemonFailure(Throwable t) {
        return !(t instanceof UserRecordFailedException) && !(t instanceof FutureTimedOutException);
    }

    /** The failure kind of a record the KPL gave up on, from its last attempt's error code. */
    static FailureKind classify(Throwable t) {
        if (t instanceof FutureTimedOutException) {
            return FailureKind.NETWORK;
        }
        if (!(t instanceof UserRecordFailedException f) || f.getResult() == null
                || f.getResult().getAttempts() == null || f.getResult().getAttempts().isEmpty()) {
            return FailureKind.NETWORK;
        }
        var attempts = f.getResult().getAttempts();
        var last = attempts.get(attempts.size() - 1);
        return classifyCode(last.getErrorCode(), last.getErrorMessage());
    }

    /** A KPL attempt's code and message, by the classification every transport shares. */
    static FailureKind classifyCode(String code, String message) {
        return FailureClassifier.classifyErrorCode(code, message);
    }

    // ------------------------------------------------------------------ the producer and its daemon

    private Producer producer() {
        var p = current;
        if (p != null && !p.dead.get()) {
            return p;
        }
        synchronized (producerLock) {
            p = current;
            if (p != null && !p.dead.get()) {
                return p;
            }
            if (closed.get()) {
                throw new IllegalStateException(name + " is closed");
            }
            if (p != null) {
                retire(p);
                if (System.nanoTime() - lastStartNanos < MIN_RESTART_INTERVAL_NANOS) {
                    throw new IllegalStateException("KPL daemon died within a second of its start; not restarting yet: "
                            + lastDeathCause);
                }
            }
            current = startProducer();
            return current;
        }
    }

    private Producer startProducer() {
        lastStartNanos = System.nanoTime();
        var kpl = new KinesisProducer(settings.toConfiguration());
        Long pid = null;
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PID_DISCOVERY_MILLIS);
        while (System.nanoTime() < until) {
            var process = DaemonProcesses.of(kpl);
            if (process.isPresent()) {
                pid = process.get().pid();
                break;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (pid == null) {
            log.warn("{}: the KPL daemon's process was not found; its death is seen only through failed records",
                    name);
        }
        producersStarted.incrementAndGet();
        log.info("{}: KPL producer started (daemon pid {})", name, pid);
        return new Producer(kpl, pid);
    }

    private void markDead(Producer p, Throwable cause) {
        if (p.dead.compareAndSet(false, true)) {
            p.diedAtNanos = System.nanoTime();
            daemonDeaths.incrementAndGet();
            lastDeathCause = describe(cause);
            lastDeathAt = Instant.now();
            log.warn("{}: KPL daemon (pid {}) died: {}; its records go back to the pipeline, a new producer starts",
                    name, p.pid, lastDeathCause);
        }
    }

    /**
     * Destroys a dead producer: fails what it still held (its futures complete exceptionally, so waiting deliveries
     * report them), and kills its daemon and any daemon the KPL restarted for it on its own.
     */
    private void retire(Producer p) {
        if (!p.destroyed.compareAndSet(false, true)) {
            return;
        }
        try {
            p.kpl.destroy();
        } catch (RuntimeException e) {
            log.debug("{}: destroying the dead KPL producer failed", name, e);
        }
        if (p.pid != null) {
            DaemonProcesses.kill(p.pid);
        }
        retired.add(new Retired(p, System.nanoTime()));
        stopOrphans();
    }

    /**
     * Kills a daemon the KPL restarted for a producer already destroyed (KPL 1.1.1 does that when it notices the
     * death after {@code destroy()}), watching each destroyed producer for {@link #ORPHAN_WINDOW_NANOS}.
     */
    private void stopOrphans() {
        long now = System.nanoTime();
        for (var r : retired) {
            DaemonProcesses.of(r.producer().kpl).filter(Process::isAlive).ifPresent(orphan -> {
                log.info("{}: stopping daemon {}, restarted by the KPL for a destroyed producer", name, orphan.pid());
                orphan.destroyForcibly();
            });
            if (now - r.atNanos() > ORPHAN_WINDOW_NANOS) {
                retired.remove(r);
            }
        }
    }

    private void checkDaemon() {
        if (closed.get()) {
            return;
        }
        try {
            stopOrphans();
            var p = current;
            if (p == null) {
                return;
            }
            if (!p.dead.get() && p.pid != null && !DaemonProcesses.isAlive(p.pid)) {
                markDead(p, new DaemonException("daemon process " + p.pid + " is gone"));
            }
            if (p.dead.get() && System.nanoTime() - lastStartNanos >= MIN_RESTART_INTERVAL_NANOS) {
                producer(); // retires the dead one (failing what it held) and starts a new one
            }
        } catch (RuntimeException e) {
            log.debug("{}: KPL watchdog", name, e);
        }
    }

    // ------------------------------------------------------------------ close

    /**
     * Flushes what the KPL holds and waits for it at most {@link KplSettings#closeTimeout()} (never the unbounded
     * {@code flushSync}), then destroys the producer and its daemon. Records still unanswered then fail back to a
     * delivery that is still waiting for them.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watchdog.shutdownNow();
        Producer p;
        synchronized (producerLock) {
            p = current;
        }
        if (p == null) {
            return;
        }
        try {
            if (!p.dead.get()) {
                p.kpl.flush();
                long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
                while (outstandingRecords(p) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                int left = outstandingRecords(p);
                if (left > 0) {
                    log.warn("{}: closing with {} records still in the KPL after {}", name, left,
                            settings.closeTimeout());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("{}: flush on close failed", name, e);
        } finally {
            try {
                p.kpl.destroy();
            } catch (RuntimeException e) {
                log.debug("{}: destroy failed", name, e);
            }
            if (p.pid != null) {
                DaemonProcesses.kill(p.pid);
            }
            DaemonProcesses.of(p.kpl).filter(Process::isAlive).ifPresent(Process::destroyForcibly);
            stopOrphans();
        }
    }
}
