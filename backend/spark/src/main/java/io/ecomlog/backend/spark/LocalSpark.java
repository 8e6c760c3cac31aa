package io.ecomlog.backend.spark;

import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;

/**
 * A Spark session in local mode for one machine: two threads, small shuffles, no UI, loopback only, partition values
 * kept as strings (as Glue declares them). The module's tests and local mode run the jobs in it; on Glue and EMR the
 * platform builds the session.
 */
public final class LocalSpark {

    private LocalSpark() {
    }

    public static SparkSession session(String appName, Path warehouse) {
        return SparkSession.builder()
                .master("local[2]")
                .appName(appName)
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
                .config("spark.sql.warehouse.dir", warehouse.toAbsolutePath().toString())
                .getOrCreate();
    }
}
