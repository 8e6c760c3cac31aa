package io.ecomlog.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fault modes of the WireMock stubs ({@link FirehoseStub}, {@link KinesisFaultStub}), kept per stream
 * name so that tests running side by side on one stub do not collide. Each call consults
 * {@link #decide(String)} once, which also counts down the "next N calls" faults.
 *
 * <p>Precedence for one call: outage, then pending connection resets, then pending server errors,
 * then partial failure; latency applies to every answer, faulty or not.
 */
final class StubFaults {

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

    void failEveryOtherEntry(String stream, String errorCode) {
        Objects.requireNonNull(errorCode, "errorCode");
        update(stream, s -> s.partialErrorCode = errorCode);
    }

    void serverError(String stream, int times) {
        requireNonNegative(times);
        update(stream, s -> s.serverErrors += times);
    }

    void connectionReset(String stream, int times) {
        requireNonNegative(times);
        update(stream, s -> s.resets += times);
    }

    void latency(String stream, Duration latency) {
        long millis = latency.toMillis();
        if (millis < 0 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("latency out of range: " + latency);
        }
        update(stream, s -> s.delayMillis = millis);
    }

    void outage(String stream, OutageMode mode) {
        Objects.requireNonNull(mode, "mode");
        update(stream, s -> s.outage = mode);
    }

    void heal(String stream) {
        states.remove(Objects.requireNonNull(stream, "stream"));
    }

    void clear() {
        states.clear();
    }

    private void update(String stream, java.util.function.Consumer<State> change) {
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
