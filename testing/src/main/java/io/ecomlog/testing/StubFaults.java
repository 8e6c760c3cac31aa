package io.ecomlog.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The fault modes of one WireMock stub ({@link FirehoseStub}, {@link KinesisFaultStub}), reached through
 * {@code stub.faults()}. Faults are kept per stream name (the delivery stream for Firehose, the stream for
 * Kinesis), so that tests running side by side on one shared stub do not collide as long as each uses its
 * own stream. Only the batch-put operation is affected ({@code PutRecordBatch}, {@code PutRecords}).
 *
 * <p>Precedence for one call: outage, then pending connection resets, then pending server errors,
 * then partial failure; latency applies to every answer, faulty or not. Every fault of a stream stays
 * until {@link #heal(String)} (or the stub's {@code reset}); the counted ones also run out on their own.
 */
public final class StubFaults {

    enum Action { PASS, PARTIAL_FAILURE, SERVER_ERROR, CONNECTION_RESET }

    /** What to do with one call. {@code errorCode} is set for PARTIAL_FAILURE. */
    record Decision(Action action, String errorCode, long delayMillis) {
        static final Decision PASS = new Decision(Action.PASS, null, 0);
    }

    private static final class State {
        OutageMode outage;
        int resets;
        int serverErrors;
        String partialErrorCode;
        long delayMillis;

        boolean isClear() {
            return outage == null && resets == 0 && serverErrors == 0 && partialErrorCode == null && delayMillis == 0;
        }
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final String defaultErrorCode;

    /** {@code defaultErrorCode}: the entry error code of {@link #failEveryOtherEntry(String)}. */
    StubFaults(String defaultErrorCode) {
        this.defaultErrorCode = Objects.requireNonNull(defaultErrorCode, "defaultErrorCode");
    }

    /**
     * What to do with one call for {@code stream} ({@code null}: pass); counts down the "next N calls"
     * faults, so each call consults it once.
     */
    Decision decide(String stream) {
        if (stream == null) {
            return Decision.PASS;
        }
        State state = states.get(stream);
        if (state == null) {
            return Decision.PASS;
        }
        synchronized (state) {
            long delay = state.delayMillis;
            if (state.outage != null) {
                return new Decision(state.outage == OutageMode.SERVER_ERROR ? Action.SERVER_ERROR
                        : Action.CONNECTION_RESET, null, delay);
            }
            if (state.resets > 0) {
                state.resets--;
                return new Decision(Action.CONNECTION_RESET, null, delay);
            }
            if (state.serverErrors > 0) {
                state.serverErrors--;
                return new Decision(Action.SERVER_ERROR, null, delay);
            }
            if (state.partialErrorCode != null) {
                return new Decision(Action.PARTIAL_FAILURE, state.partialErrorCode, delay);
            }
            return new Decision(Action.PASS, null, delay);
        }
    }

    boolean hasFault(String stream) {
        State state = states.get(stream);
        if (state == null) {
            return false;
        }
        synchronized (state) {
            return !state.isClear();
        }
    }

    /**
     * From now until {@link #heal}: every odd-indexed entry (1, 3, 5…) of each batch put to {@code stream}
     * is answered with {@code errorCode}, the others succeed (Kinesis: they are forwarded to kinesis-local
     * and answered with its sequence numbers; Firehose: they count as received). A one-entry batch always
     * succeeds, so retrying the failed entries converges.
     */
    public void failEveryOtherEntry(String stream, String errorCode) {
        Objects.requireNonNull(errorCode, "errorCode");
        update(stream, s -> s.partialErrorCode = errorCode);
    }

    /**
     * {@link #failEveryOtherEntry(String, String)} with the stub's usual throttling code:
     * {@code ServiceUnavailableException} for Firehose, {@code ProvisionedThroughputExceededException} for
     * Kinesis.
     */
    public void failEveryOtherEntry(String stream) {
        failEveryOtherEntry(stream, defaultErrorCode);
    }

    /**
     * The next {@code times} batch puts for {@code stream} get HTTP 500 {@code InternalFailure} with an AWS
     * error body (in the request's format); nothing of them is stored or received.
     */
    public void serverError(String stream, int times) {
        requireNonNegative(times);
        update(stream, s -> s.serverErrors += times);
    }

    /**
     * The next {@code times} batch puts for {@code stream} have their connection reset by the server;
     * nothing of them is stored or received.
     */
    public void connectionReset(String stream, int times) {
        requireNonNegative(times);
        update(stream, s -> s.resets += times);
    }

    /** Every batch-put answer for {@code stream} is delayed by {@code latency} until {@link #heal}. */
    public void latency(String stream, Duration latency) {
        long millis = latency.toMillis();
        if (millis < 0 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("latency out of range: " + latency);
        }
        update(stream, s -> s.delayMillis = millis);
    }

    /** Every batch put for {@code stream} gets HTTP 500 until {@link #heal}: {@link OutageMode#SERVER_ERROR}. */
    public void outage(String stream) {
        outage(stream, OutageMode.SERVER_ERROR);
    }

    /** Every batch put for {@code stream} fails the given way until {@link #heal}. */
    public void outage(String stream, OutageMode mode) {
        Objects.requireNonNull(mode, "mode");
        update(stream, s -> s.outage = mode);
    }

    /** Removes every fault (including latency and pending counts) configured for {@code stream}. */
    public void heal(String stream) {
        states.remove(Objects.requireNonNull(stream, "stream"));
    }

    /** Removes the faults of every stream. */
    void clear() {
        states.clear();
    }

    private void update(String stream, Consumer<State> change) {
        State state = states.computeIfAbsent(Objects.requireNonNull(stream, "stream"), k -> new State());
        synchronized (state) {
            change.accept(state);
        }
    }

    private static void requireNonNegative(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0: " + times);
        }
    }
}
