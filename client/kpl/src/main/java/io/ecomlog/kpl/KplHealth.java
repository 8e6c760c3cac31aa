package io.ecomlog.kpl;

import java.time.Instant;

/**
 * What a {@link KplDestination} knows about its KPL daemon, from {@link KplDestination#health()}.
 *
 * @param daemonAlive            whether the current daemon process runs (true before the first start)
 * @param daemonPid              its process id, or {@code null} when not started or not found
 * @param producersStarted       KPL producers started so far (1 + restarts after daemon deaths)
 * @param daemonDeaths           daemon deaths seen (futures failed by the daemon, or its process gone)
 * @param lastDeathCause         why the last one died, or {@code null}
 * @param lastDeathAt            when, or {@code null}
 * @param outstandingRecords     user records the current producer holds (its {@code getOutstandingRecordsCount()})
 * @param outstandingBytes       bytes handed to the KPL by this destination and not yet answered
 * @param backpressureRejected   events reported THROTTLED because the outstanding bounds stayed exceeded
 * @param resultTimeouts         user records without a KPL result within the delivery timeout
 * @param failedByDaemonDeath    user records failed back to the pipeline because the daemon died
 */
public record KplHealth(boolean daemonAlive, Long daemonPid, long producersStarted, long daemonDeaths,
                        String lastDeathCause, Instant lastDeathAt, int outstandingRecords, long outstandingBytes,
                        long backpressureRejected, long resultTimeouts, long failedByDaemonDeath) {
}
