package io.ecomlog.backend.spark.etl;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The raw objects earlier runs have curated, one path per line in one object, so a run reads only new objects
 * (raw objects are written once and never changed: a new key is new data). Written after the curated data, so a
 * run that fails part-way is simply done again — re-reading is harmless, the de-duplication by {@code event_id}
 * drops what was already kept. Glue's own job bookmarks track DynamicFrame sources; this job reads with plain
 * Spark so that it runs the same on Glue, EMR Serverless and a laptop.
 */
final class Bookmark {

    private final Path path;
    private final Configuration conf;

    Bookmark(String location, Configuration conf) {
        this.path = new Path(location);
        this.conf = conf;
    }

    Set<String> processed() throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        var done = new LinkedHashSet<String>();
        if (!fs.exists(path)) {
            return done;
        }
        try (var in = fs.open(path)) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).forEach(done::add);
        }
        return done;
    }

    /** Adds this run's objects; the object is replaced whole (S3 has no append). */
    void add(List<String> objects) throws IOException {
        var all = processed();
        all.addAll(objects);
        FileSystem fs = path.getFileSystem(conf);
        try (var out = fs.create(path, true)) {
            out.write((String.join("\n", all) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
