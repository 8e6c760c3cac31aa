package io.ecomlog.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The pacing every caller-cost benchmark shares: one call every {@code paceNanos}, offered from an invocation-level
 * setup that SampleTime leaves out of its timings, and the calling thread's own allocation ({@link PacedCaller}).
 */
@State(Scope.Thread)
public abstract class PacedBenchmark {

    /** One call every this many nanoseconds (0: no pacing). */
    @Param({"10000"})
    public long paceNanos;

    protected PacedCaller caller;

    @Setup(Level.Trial)
    public void startPacing() {
        caller = new PacedCaller(paceNanos);
    }

    @Setup(Level.Iteration)
    public void iterationStart() {
        caller.iterationStart();
    }

    /** Pacing; not timed in SampleTime mode. */
    @Setup(Level.Invocation)
    public void pace() {
        caller.pace();
    }

    @TearDown(Level.Iteration)
    public void iterationEnd() {
        caller.iterationEnd();
    }
}
