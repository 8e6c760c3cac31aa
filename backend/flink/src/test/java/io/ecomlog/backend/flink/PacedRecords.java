package io.ecomlog.backend.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A checkpointed, rate-limited source of given records (Flink's data generator over their indexes): records arrive
 * spread over wall-clock time, so periodic watermarks move between them as they do on a live stream, and a job can
 * be stopped part-way and resumed from where its checkpoint says.
 */
final class PacedRecords {

    private PacedRecords() {
    }

    static Function<StreamExecutionEnvironment, DataStream<byte[]>> of(List<byte[]> records, double perSecond) {
        return of(records, perSecond, index -> { });
    }

    /** As {@link #of(List, double)}, calling {@code beforeEach} with each index first (to inject a failure). */
    static Function<StreamExecutionEnvironment, DataStream<byte[]>> of(List<byte[]> records, double perSecond,
                                                                         IndexHook beforeEach) {
        var copy = new ArrayList<>(records);
        GeneratorFunction<Long, byte[]> byIndex = index -> {
            beforeEach.accept(index);
            return copy.get(index.intValue());
        };
        return env -> {
            env.getConfig().setAutoWatermarkInterval(5);
            return env.fromSource(new DataGeneratorSource<>(byIndex, copy.size(),
                            RateLimiterStrategy.perSecond(perSecond),
                            PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO),
                    WatermarkStrategy.noWatermarks(), "paced records").uid("paced-records");
        };
    }

    /** Called with each index before its record is produced. */
    interface IndexHook extends java.io.Serializable {
        void accept(long index) throws Exception;
    }
}
