package io.ecomlog.backend.flink;

import io.ecomlog.alert.Alert;
import io.ecomlog.alert.AlertCodec;
import io.ecomlog.backend.flink.detect.CountRule;
import io.ecomlog.backend.flink.detect.EpisodeFilter;
import io.ecomlog.backend.flink.detect.Finding;
import io.ecomlog.backend.flink.detect.Tally;
import io.ecomlog.backend.flink.input.Deduplicator;
import io.ecomlog.backend.flink.input.RecordDecoder;
import io.ecomlog.backend.flink.input.ShopEvent;
import io.ecomlog.backend.flink.kpi.ConversionRule;
import io.ecomlog.backend.flink.kpi.MinuteKpis;
import io.ecomlog.backend.flink.kpi.RevenueDropRule;
import io.ecomlog.backend.flink.kpi.SalesTally;
import io.ecomlog.backend.flink.settings.JobSettings;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The job graph of the three analytics jobs, independent of where records come from and where results go: raw
 * records in (Kinesis records, lake lines, in-memory), alert records and KPI records out (JSON lines in
 * {@code alert.schema.json} and {@code sales-kpi.schema.json}), plus the events that came too late for a window.
 *
 * <pre>
 * records ─ decode ─ watermarks ─ dedup(event_id) ─┬─ bot: user / client IP, tumbling T ─ count &gt; N ─┐
 *                                                    ├─ surge: shop / whole site, sliding T ─ count ≥ N ─┼─ episode ─ alert
 *                                                    └─ kpi: shop, 1 min ─ KPI record ─ revenue drop ───┤
 *                                                                  shop, 1 h ─ conversion under x ──────┘
 * </pre>
 */
public final class AnalyticsGraph {

    /**
     * What the graph produces: {@code kpis} is null when the KPI job is off; {@code late} holds every event a window
     * dropped as too late (once per window it was late for).
     */
    public record Outputs(DataStream<byte[]> alerts, DataStream<byte[]> kpis, DataStream<ShopEvent> late) {
    }

    /** The whole site, as the key of the overall order-surge rule. */
    public static final String SITE = "all";

    private static final String BOT_SOURCE = "flink:bot-detection";
    private static final String SURGE_SOURCE = "flink:order-surge";

    private AnalyticsGraph() {
    }

    public static Outputs build(DataStream<byte[]> records, JobSettings s) {
        DataStream<ShopEvent> events = records
                .flatMap(new RecordDecoder()).name("decode records").uid("decode-records")
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<ShopEvent>forBoundedOutOfOrderness(s.outOfOrderness())
                        .withIdleness(s.idleness())
                        .withTimestampAssigner((event, previous) -> event.eventTime()))
                .name("event time").uid("event-time")
                .keyBy(ShopEvent::eventId)
                .process(new Deduplicator(s.dedupTtl())).name("drop duplicate event ids").uid("dedup");

        List<DataStream<Finding>> findings = new ArrayList<>();
        List<DataStream<ShopEvent>> late = new ArrayList<>();
        DataStream<byte[]> kpis = null;

        if (s.jobs().contains(JobSettings.Job.BOT)) {
            var threshold = BigDecimal.valueOf(s.botMaxActions());
            var window = window(s.botWindow(), s.botSliding() ? s.botSlide() : Duration.ZERO);
            DataStream<ShopEvent> actions = events.filter(ShopEvent::action).name("actions").uid("actions");
            findings.add(count(actions.filter(e -> e.user() != null).name("with user").uid("with-user"),
                    ShopEvent::user, window, s, new CountRule(Alert.Kinds.BOT_USER, "user", s.botMaxActions() + 1,
                            threshold, Alert.Severity.WARNING.name(), BOT_SOURCE, "actions"), "bot-user", late));
            findings.add(count(actions.filter(e -> e.clientIp() != null).name("with client ip").uid("with-ip"),
                    ShopEvent::clientIp, window, s, new CountRule(Alert.Kinds.BOT_IP, "ip", s.botMaxActions() + 1,
                            threshold, Alert.Severity.WARNING.name(), BOT_SOURCE, "requests"), "bot-ip", late));
        }
        if (s.jobs().contains(JobSettings.Job.SURGE)) {
            var threshold = BigDecimal.valueOf(s.surgeMinOrders());
            var window = window(s.surgeWindow(), s.surgeSliding() ? s.surgeSlide() : Duration.ZERO);
            DataStream<ShopEvent> orders = events.filter(ShopEvent::isOrder).name("orders").uid("orders");
            findings.add(count(orders, ShopEvent::shop, window, s, new CountRule(Alert.Kinds.ORDER_SURGE, "shop",
                    s.surgeMinOrders(), threshold, Alert.Severity.CRITICAL.name(), SURGE_SOURCE, "orders"),
                    "surge-shop", late));
            findings.add(count(orders, e -> SITE, window, s, new CountRule(Alert.Kinds.ORDER_SURGE, "site",
                    s.surgeMinOrders(), threshold, Alert.Severity.CRITICAL.name(), SURGE_SOURCE, "orders"),
                    "surge-site", late));
        }
        if (s.jobs().contains(JobSettings.Job.KPI)) {
            var lateKpi = new OutputTag<ShopEvent>("late-kpi") {
            };
            SingleOutputStreamOperator<byte[]> minute = events.keyBy(ShopEvent::shop)
                    .window(TumblingEventTimeWindows.of(s.kpiWindow()))
                    .allowedLateness(s.allowedLateness())
                    .sideOutputLateData(lateKpi)
                    .aggregate(new SalesTally.Aggregation(true), new MinuteKpis(s.topProducts()), SalesTally.TYPE,
                            SalesTally.TYPE, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                    .name("sales per minute").uid("kpi-minute");
            kpis = minute;
            late.add(minute.getSideOutput(lateKpi));
            findings.add(minute.getSideOutput(MinuteKpis.REVENUE)
                    .keyBy(p -> p.series())
                    .process(new RevenueDropRule(s.revenueDropRatio(), s.revenueHistoryMinutes(),
                            s.revenueMinAverage()))
                    .name("revenue drop").uid("revenue-drop"));
            var lateConversion = new OutputTag<ShopEvent>("late-conversion") {
            };
            SingleOutputStreamOperator<Finding> conversion = events.keyBy(ShopEvent::shop)
                    .window(TumblingEventTimeWindows.of(s.conversionWindow()))
                    .allowedLateness(s.allowedLateness())
                    .sideOutputLateData(lateConversion)
                    .aggregate(new SalesTally.Aggregation(false),
                            new ConversionRule(s.conversionThreshold(), s.conversionMinSessions()), SalesTally.TYPE,
                            SalesTally.TYPE, TypeInformation.of(Finding.class))
                    .name("conversion per hour").uid("kpi-conversion");
            late.add(conversion.getSideOutput(lateConversion));
            findings.add(conversion);
        }

        DataStream<byte[]> alerts = union(findings)
                .keyBy(Finding::subject)
                .process(new EpisodeFilter(s.allowedLateness().plus(Duration.ofHours(1))))
                .name("one alert per episode").uid("episodes")
                .map(new ToAlertRecord()).returns(PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)
                .name("alert records").uid("alert-records");
        return new Outputs(alerts, kpis, union(late));
    }

    private static DataStream<Finding> count(DataStream<ShopEvent> events, KeySelector<ShopEvent, String> key,
                                             WindowAssigner<Object, TimeWindow> window, JobSettings s,
                                             CountRule rule, String uid, List<DataStream<ShopEvent>> late) {
        var lateTag = new OutputTag<ShopEvent>("late-" + uid) {
        };
        SingleOutputStreamOperator<Finding> found = events.keyBy(key)
                .window(window)
                .allowedLateness(s.allowedLateness())
                .sideOutputLateData(lateTag)
                .aggregate(new Tally.Counting(), rule.asWindowFunction())
                .name(rule.kind() + " by " + rule.keyType()).uid(uid);
        late.add(found.getSideOutput(lateTag));
        return found;
    }

    private static WindowAssigner<Object, TimeWindow> window(Duration size, Duration slide) {
        return slide.isZero() ? TumblingEventTimeWindows.of(size) : SlidingEventTimeWindows.of(size, slide);
    }

    private static <T> DataStream<T> union(List<DataStream<T>> streams) {
        DataStream<T> all = streams.get(0);
        for (DataStream<T> next : streams.subList(1, streams.size())) {
            all = all.union(next);
        }
        return all;
    }

    /** The alert record of a finding. */
    static final class ToAlertRecord extends RichMapFunction<Finding, byte[]> {
        private transient AlertCodec codec;

        @Override
        public byte[] map(Finding finding) {
            if (codec == null) {
                codec = new AlertCodec();
            }
            return codec.encode(finding.toAlert());
        }
    }
}
