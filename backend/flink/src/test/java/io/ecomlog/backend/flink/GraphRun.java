package io.ecomlog.backend.flink;

import io.ecomlog.alert.Alert;
import io.ecomlog.alert.AlertCodec;
import io.ecomlog.backend.flink.input.ShopEvent;
import io.ecomlog.backend.flink.settings.JobSettings;
import io.ecomlog.backend.flink.settings.Parameters;
import io.ecomlog.kpi.KpiCodec;
import io.ecomlog.kpi.SalesKpi;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Runs the analytics graph on the test MiniCluster over a bounded list of records and returns what it produced. */
final class GraphRun {

    record Result(List<Alert> alerts, List<SalesKpi> kpis, List<String> lateEventIds) {

        /** Alerts as "kind key count window-start-offset" lines, sorted: easy to compare exactly. */
        List<String> alertLines() {
            return alerts.stream().map(a -> a.kind() + " " + a.key() + " " + a.count() + " +"
                    + (a.windowStart().toEpochMilli() - Scenario.T0.toEpochMilli()) / 1000 + "s").sorted().toList();
        }
    }

    private GraphRun() {
    }

    static Result run(List<byte[]> records, JobSettings settings, int parallelism) throws Exception {
        return run(env -> env.fromData(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO,
                records.toArray(new byte[0][])), settings, parallelism);
    }

    static Result run(Function<StreamExecutionEnvironment, DataStream<byte[]>> source, JobSettings settings,
                      int parallelism) throws Exception {
        var env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.configure(noKryo());
        var outputs = AnalyticsGraph.build(source.apply(env), settings);
        Collected<byte[]> alerts = Collected.fresh("alerts");
        Collected<byte[]> kpis = Collected.fresh("kpis");
        Collected<String> late = Collected.fresh("late");
        outputs.alerts().addSink(alerts);
        if (outputs.kpis() != null) {
            outputs.kpis().addSink(kpis);
        }
        outputs.late().map(ShopEvent::eventId).addSink(late);
        env.execute("test");
        return result(alerts, kpis, late);
    }

    /**
     * The production pipeline options: generic types off (a type that would need Kryo fails the test) and object
     * reuse on (a function that kept a reference to its input would show here).
     */
    static Configuration noKryo() {
        var config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(PipelineOptions.OBJECT_REUSE, true);
        return config;
    }

    static Result result(Collected<byte[]> alerts, Collected<byte[]> kpis, Collected<String> late) {
        var alertCodec = new AlertCodec();
        var kpiCodec = new KpiCodec();
        return new Result(alerts.items().stream().map(alertCodec::decode).toList(),
                kpis.items().stream().map(kpiCodec::decode)
                        .sorted(Comparator.comparing(SalesKpi::shop).thenComparing(SalesKpi::windowStart)).toList(),
                late.items().stream().sorted().toList());
    }

    /** Settings from the defaults with some parameters of group {@code ecomlog.jobs.} changed. */
    static JobSettings settings(Map<String, String> jobParameters) {
        var values = new java.util.HashMap<String, String>();
        jobParameters.forEach((k, v) -> values.put(JobSettings.GROUP + k, v));
        return JobSettings.from(new Parameters(values));
    }
}
