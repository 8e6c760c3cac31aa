package io.ecomlog.pipeline;

/**
 * Keeps the spool's replay within {@code replaySharePercent} of a destination's calls and bytes while live events
 * wait: a replay call may go ahead of a waiting live batch only if, counting it, the replay's share of the calls and of
 * the bytes made since both started waiting stays within the percentage. Live events therefore keep at least
 * {@code 100 − percent} % of both. The tally starts afresh whenever live traffic goes idle, so a replay that ran alone
 * for a while earns no burst later. Used by the channel's thread only.
 */
final class ReplayShare {

    private final int percent;
    private long liveCalls;
    private long liveBytes;
    private long replayCalls;
    private long replayBytes;

    /** {@code percent} is checked by the builder (1 to 90). */
    ReplayShare(int percent) {
        this.percent = percent;
    }

    /** A live call of {@code bytes} encoded bytes was made while the spool held events. */
    void live(long bytes) {
        liveCalls++;
        liveBytes += bytes;
    }

    /** A replay call of {@code bytes} went ahead of waiting live events. */
    void replay(long bytes) {
        replayCalls++;
        replayBytes += bytes;
    }

    /** No live events wait: the replay may take every call until some do, and the tally starts again then. */
    void liveIdle() {
        liveCalls = 0;
        liveBytes = 0;
        replayCalls = 0;
        replayBytes = 0;
    }

    /** How many bytes the next replay call may carry while live events wait; 0 means it is the live events' turn. */
    long replayAllowance() {
        if ((replayCalls + 1) * (100 - percent) > liveCalls * percent) {
            return 0;
        }
        return Math.max(0, liveBytes * percent / (100 - percent) - replayBytes);
    }
}
