package io.ecomlog.backend.spark.etl;

import io.ecomlog.backend.spark.JobArguments;

/**
 * Where the ETL reads and writes: the raw prefix (the client's, Firehose's or the local lake's layout), the curated
 * root (tables {@code events} and {@code order_items} under it), the quarantine prefix and the bookmark object.
 * URIs of any Hadoop file system: {@code s3://} on Glue and EMR, a local path in tests.
 */
public record CurateSettings(String raw, String curated, String quarantine, String bookmark) {

    public CurateSettings {
        require("raw", raw);
        require("curated", curated);
        require("quarantine", quarantine);
        require("bookmark", bookmark);
    }

    /**
     * From job arguments {@code --raw URI --curated URI --quarantine URI --bookmark URI}, the form Glue passes
     * its job parameters in and EMR Serverless passes {@code entryPointArguments} (other arguments are ignored:
     * Glue adds its own).
     */
    public static CurateSettings fromArgs(String[] args) {
        var named = new JobArguments(args);
        return new CurateSettings(named.get("raw"), named.get("curated"), named.get("quarantine"),
                named.get("bookmark"));
    }

    private static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " must be set (a URI such as s3://bucket/prefix/)");
        }
    }
}
