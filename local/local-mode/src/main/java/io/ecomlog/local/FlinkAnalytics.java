package io.ecomlog.local;

import io.ecomlog.backend.flink.EcomlogJobs;
import io.ecomlog.backend.flink.settings.Parameters;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Flink application of the backend ({@link EcomlogJobs}, unchanged) in a local MiniCluster, reading the lake
 * with its file source and writing alert and KPI lines with its exactly-once file sink.
 *
 * <p>Two runs: a <em>live</em> one that watches the lake while the simulator writes (its alerts and KPIs reach the
 * alerter and the dashboard within a checkpoint interval), cancelled when the traffic stops; then a <em>final</em>
 * bounded pass over the closed lake, whose end of input fires every window still open. Alert ids are deterministic,
 * so what both runs find is published once (the alerter drops the repeat as a duplicate).
 */
final class FlinkAnalytics implements AutoCloseable {

    /**
     * A backfill's settings: the lake read in the time order of its partitions, so event time passes hour by hour;
     * objects of one hour come in any order, hence an hour of out-of-orderness.
     */
    static final Map<String, String> BACKFILL = Map.of("ecomlog.source.order", "time",
            "ecomlog.jobs.watermark.out.of.orderness", "1h");

    /** The output folders of the two runs, under the output folder. */
    static final String LIVE = "live";
    static final String FINAL = "final";

    private final Path lake;
    private final Path output;
    private final Map<String, String> jobSettings;
    private JobClient live;

    /** {@code jobSettings}: parameters that differ from local mode's (the surge threshold, a backfill's order). */
    FlinkAnalytics(Path lake, Path output, Map<String, String> jobSettings) {
        this.lake = lake;
        this.output = output;
        this.jobSettings = Map.copyOf(jobSettings);
    }

    void startLive() throws Exception {
        var env = environment(true);
        live = env.executeAsync("ecomlog analytics (live)");
    }

    /** Cancels the live run, then reads the whole lake once and waits for the end. */
    void finish() throws Exception {
        stopLive();
        environment(false).execute("ecomlog analytics (final)");
    }

    private void stopLive() throws Exception {
        if (live != null) {
            live.cancel().get();
            live = null;
        }
    }

    Path output() {
        return output;
    }

    private StreamExecutionEnvironment environment(boolean watch) {
        var values = new HashMap<String, String>();
        values.put("ecomlog.source.type", "files");
        values.put("ecomlog.source.path", lake.toString());
        values.put("ecomlog.source.monitor.interval", watch ? "1s" : "0s");
        values.put("ecomlog.sink.type", "files");
        values.put("ecomlog.sink.path", output.resolve(watch ? LIVE : FINAL).toString());
        // the file sink commits at checkpoints: this is how soon a live alert reaches the alerter
        values.put("ecomlog.runtime.checkpoint.interval", "2s");
        values.putAll(jobSettings);
        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        EcomlogJobs.attach(env, new Parameters(values));
        return env;
    }

    @Override
    public void close() throws Exception {
        stopLive();
    }
}
