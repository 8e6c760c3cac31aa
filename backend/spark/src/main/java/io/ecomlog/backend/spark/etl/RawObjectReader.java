package io.ecomlog.backend.spark.etl;

import io.ecomlog.codec.EventCodec;
import io.ecomlog.codec.MalformedEventException;
import io.ecomlog.event.EcomEvent;
import io.ecomlog.reader.ObjectLines;
import io.ecomlog.reader.Rejection;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads raw objects, one path after another, into {@link RawLine} rows: streamed by the reader's
 * {@link ObjectLines} (plain or gzip; a truncated gzip keeps the lines before the break and is reported once), each
 * line decoded and validated by core's {@link EventCodec} — the same code the client encodes with, so the job
 * accepts exactly what the client writes. Lines of a schema version other than this build's are set aside rather
 * than guessed at.
 */
final class RawObjectReader implements MapPartitionsFunction<String, Row> {

    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Iterator<String> paths) throws IOException {
        var codec = new EventCodec();
        var conf = new Configuration();
        var rows = new ArrayList<Row>();
        while (paths.hasNext()) {
            read(paths.next(), codec, conf, rows);
        }
        return rows.iterator();
    }

    static void read(String pathText, EventCodec codec, Configuration conf, List<Row> rows) throws IOException {
        var path = new Path(pathText);
        try (var in = path.getFileSystem(conf).open(path); var lines = ObjectLines.open(in)) {
            ObjectLines.Line line;
            while ((line = lines.next()) != null) {
                rows.add(decode(line, codec, pathText));
            }
            if (lines.brokenGzip() != null) {
                rows.add(RawLine.rejected(RawLine.TRUNCATED_GZIP, lines.brokenGzip(), "", pathText));
            }
        }
    }

    private static Row decode(ObjectLines.Line line, EventCodec codec, String source) {
        byte[] bytes = line.bytes();
        if (line.tooLong()) {
            var r = Rejection.of("line too long", "line " + line.number() + " is over the line limit", bytes);
            return RawLine.rejected(r.reason(), r.detail(), r.excerpt(), source);
        }
        try {
            EcomEvent event = codec.decode(bytes);
            if (event.schemaVersion() != EcomEvent.CURRENT_SCHEMA_VERSION) {
                var r = Rejection.of(RawLine.OTHER_SCHEMA_VERSION, "schema_version " + event.schemaVersion()
                        + ", this job reads " + EcomEvent.CURRENT_SCHEMA_VERSION, bytes);
                return RawLine.rejected(r.reason(), r.detail(), r.excerpt(), source);
            }
            return RawLine.event(event.eventId().toString(), event.eventType().wireName(),
                    new String(bytes, StandardCharsets.UTF_8), source);
        } catch (MalformedEventException e) {
            var r = Rejection.of(e.reason().label(), "line " + line.number() + ": " + e.getMessage(), bytes);
            return RawLine.rejected(r.reason(), r.detail(), r.excerpt(), source);
        }
    }
}
