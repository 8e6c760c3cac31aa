package io.ecomlog.backend.spark;

import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;

/** One local Spark session ({@link LocalSpark}) for all tests of the module. */
public final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = LocalSpark.session("ecomlog-tests", Path.of("target", "spark-warehouse"));
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}
