package io.ecomlog.backend.flink;

import io.ecomlog.backend.flink.connect.Connections;
import io.ecomlog.backend.flink.connect.KinesisConnectors;
import io.ecomlog.backend.flink.connect.LakeConnectors;
import io.ecomlog.backend.flink.settings.JobSettings;
import io.ecomlog.backend.flink.settings.ManagedFlinkProperties;
import io.ecomlog.backend.flink.settings.Parameters;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;

/**
 * The entry point of the analytics application (the fat jar's main class): bot/DDoS detection, order surges and live
 * sales KPIs over one source. On Managed Flink the parameters come from the application's property groups
 * ({@code ecomlog.source}, {@code ecomlog.sink}, {@code ecomlog.jobs}, {@code ecomlog.aws}, {@code ecomlog.runtime});
 * locally from arguments ({@code --ecomlog.source.type files --ecomlog.source.path lake/ ...}), which override.
 * Everything is validated before the job is built, with messages naming the parameter.
 */
public final class EcomlogJobs {

    private static final Logger LOG = LoggerFactory.getLogger(EcomlogJobs.class);

    private EcomlogJobs() {
    }

    public static void main(String[] args) throws Exception {
        var values = new HashMap<String, String>();
        Parameters.fromPropertyGroups(ManagedFlinkProperties.read(Path.of(ManagedFlinkProperties.LOCATION)))
                .asMap().forEach(values::put);
        values.putAll(ParameterTool.fromArgs(args).toMap());
        var parameters = new Parameters(values);
        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        attach(env, parameters);
        env.execute("ecomlog analytics");
    }

    /** Builds the whole application into {@code env}: runtime settings, source, the graph, sink. */
    public static void attach(StreamExecutionEnvironment env, Parameters parameters) {
        JobSettings settings = JobSettings.from(parameters);
        Connections connections = Connections.from(parameters);
        configureRuntime(env, parameters);
        if (!parameters.unknown().isEmpty()) {
            throw new IllegalArgumentException("unknown parameters (typos?): " + parameters.unknown());
        }
        var outputs = AnalyticsGraph.build(records(env, connections), settings);
        DataStream<byte[]> results = outputs.kpis() == null ? outputs.alerts() : outputs.alerts().union(outputs.kpis());
        switch (connections.sink()) {
            case KINESIS -> results.sinkTo(KinesisConnectors.sink(connections)).name("alerts stream").uid("sink");
            case FILES -> results.sinkTo(LakeConnectors.sink(connections)).name("alert files").uid("sink");
            case PRINT -> results.map(r -> new String(r, StandardCharsets.UTF_8)).name("as text").uid("as-text")
                    .print().name("console").uid("sink");
        }
        outputs.late().map(new LateEvents()).name("count late events").uid("late-events")
                .sinkTo(new DiscardingSink<>()).name("late events counted").uid("late-sink");
        LOG.info("ecomlog analytics: jobs {}, source {}, sink {}", settings.jobs(), connections.source(),
                connections.sink());
    }

    private static DataStream<byte[]> records(StreamExecutionEnvironment env, Connections c) {
        return switch (c.source()) {
            case KINESIS -> env.fromSource(KinesisConnectors.source(c), WatermarkStrategy.noWatermarks(),
                    "events stream", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO).uid("source");
            case FILES -> env.fromSource(LakeConnectors.source(c), WatermarkStrategy.noWatermarks(), "data lake")
                    .uid("source")
                    .map(line -> line.getBytes(StandardCharsets.UTF_8))
                    .returns(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO).name("lines").uid("lines");
        };
    }

    /**
     * Checkpoints (exactly-once state; the sinks are at-least-once for Kinesis, exactly-once for files), a restart
     * strategy with backoff, and heap state: the state is small (a flag per event id for the de-duplication TTL, a
     * count per key and window, a set of sessions per shop and hour) and heap access is several times faster than
     * RocksDB. Managed Flink runs its own service-configured RocksDB backend and checkpointing regardless of these.
     */
    static void configureRuntime(StreamExecutionEnvironment env, Parameters p) {
        Duration interval = p.duration("ecomlog.runtime.checkpoint.interval", Duration.ofSeconds(60),
                Duration.ofMillis(100));
        env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        var config = new Configuration();
        config.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        config.set(PipelineOptions.GENERIC_TYPES, false); // no Kryo: every type has a Flink serializer
        // chained operators hand records on without a copy: every record type here is immutable and no function
        // keeps a reference to its input
        config.set(PipelineOptions.OBJECT_REUSE, true);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        config.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(1));
        String checkpointDir = p.text("ecomlog.runtime.checkpoint.dir", null);
        if (checkpointDir != null) {
            config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        }
        env.configure(config);
        long parallelism = p.count("ecomlog.runtime.parallelism", 0, 0);
        if (parallelism > 0) {
            env.setParallelism((int) parallelism);
        }
    }
}
