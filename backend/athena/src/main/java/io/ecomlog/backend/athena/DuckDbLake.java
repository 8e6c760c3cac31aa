package io.ecomlog.backend.athena;

import io.ecomlog.lake.LakeColumn;
import io.ecomlog.lake.LakeTables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The curated lake on DuckDB, in-process: views {@code events} and {@code order_items} over the Parquet layout the
 * ETL writes ({@code <root>/<table>/event_type=…/event_date=…/*.parquet}), so a named query runs on a laptop with
 * the SQL Athena runs ({@link DuckDbDialect} for the few functions that differ). Times are UTC; DuckDB never
 * downloads an extension (parquet and json are built in). Not thread-safe; close it.
 */
public final class DuckDbLake implements AutoCloseable {

    private final Connection connection;

    private DuckDbLake(Connection connection) {
        this.connection = connection;
    }

    /** An in-memory DuckDB with UTC times and no extension downloads. */
    public static DuckDbLake inMemory() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            // httpfs and friends cannot be fetched here, and a query must never reach out for them
            s.execute("SET autoinstall_known_extensions = false");
            s.execute("SET autoload_known_extensions = false");
            s.execute("SET TimeZone = 'UTC'");
        }
        return new DuckDbLake(c);
    }

    /** Opens the curated lake under {@code root} (both tables must have at least one file). */
    public static DuckDbLake open(Path root) throws SQLException {
        var lake = inMemory();
        lake.mount(root);
        return lake;
    }

    /** How many {@code ?} parameters the query takes, as DuckDB prepares it. */
    public int parameterCount(NamedQuery query) throws SQLException {
        try (var statement = connection.prepareStatement(DuckDbDialect.translate(query.sql()))) {
            return statement.getParameterMetaData().getParameterCount();
        }
    }

    /** Creates the views {@code events} and {@code order_items} over the Parquet files under {@code root}. */
    public void mount(Path root) throws SQLException {
        for (String table : List.of(LakeTables.EVENTS_TABLE, LakeTables.ORDER_ITEMS_TABLE)) {
            String glob = root.resolve(table).toAbsolutePath() + "/*/*/*.parquet";
            execute("CREATE OR REPLACE VIEW " + table + " AS SELECT * FROM read_parquet(" + quote(glob)
                    + ", hive_partitioning = true, hive_types = {'event_type': VARCHAR, 'event_date': VARCHAR})");
        }
    }

    /** Runs a named query with its parameters bound in order; rows as JDBC returns them. */
    public List<List<Object>> run(NamedQuery query, Object... parameters) throws SQLException {
        try (var statement = connection.prepareStatement(DuckDbDialect.translate(query.sql()))) {
            // counted by DuckDB's own parser, so running a query needs no Trino parser (local mode runs Spark, whose
            // ANTLR runtime is older than Trino's)
            int expected = statement.getParameterMetaData().getParameterCount();
            if (parameters.length != expected) {
                throw new IllegalArgumentException(query.name() + " takes " + expected + " parameters, got "
                        + Arrays.toString(parameters));
            }
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rows(rs);
            }
        }
    }

    /**
     * Writes the curated tables from NDJSON files of valid events (the lines the reader accepted): each event once
     * (the first of an {@code event_id}), typed by the Glue columns, partitioned by {@code event_type} and
     * {@code event_date}; order events' product lines also to {@code order_items}. The local counterpart of the
     * Spark ETL, which also quarantines bad input — this one expects none.
     */
    public void curate(List<Path> ndjson, Path root) throws SQLException, IOException {
        Files.createDirectories(root);
        var columns = new ArrayList<>(LakeTables.events());
        columns.add(0, new LakeColumn("event_type", "string"));
        String types = columns.stream().map(c -> quote(c.name()) + ": " + quote(DuckDbTypes.of(c.hiveType())))
                .collect(Collectors.joining(", "));
        String files = ndjson.stream().map(p -> quote(p.toAbsolutePath().toString()))
                .collect(Collectors.joining(", ", "[", "]"));
        execute("CREATE OR REPLACE TEMP TABLE curated_input AS SELECT *, strftime(event_time, '%Y-%m-%d') AS event_date"
                + " FROM read_json(" + files + ", format = 'newline_delimited', columns = {" + types + "},"
                + " timestampformat = '%Y-%m-%dT%H:%M:%S.%gZ')"
                + " QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY event_time) = 1");
        write("SELECT * FROM curated_input", root.resolve(LakeTables.EVENTS_TABLE));
        String context = LakeTables.ORDER_ITEM_CONTEXT.stream().map(c -> "\"" + c + "\"")
                .collect(Collectors.joining(", "));
        write("SELECT event_type, event_date, " + context + ", unnest(item) FROM (SELECT *, unnest(products) AS item"
                + " FROM curated_input WHERE order_id IS NOT NULL AND len(products) > 0)",
                root.resolve(LakeTables.ORDER_ITEMS_TABLE));
        execute("DROP TABLE curated_input");
    }

    private void write(String select, Path target) throws SQLException {
        execute("COPY (" + select + ") TO " + quote(target.toAbsolutePath().toString())
                + " (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (event_type, event_date), OVERWRITE_OR_IGNORE)");
    }

    /** Sizes of the Parquet column chunks of {@code file}, by top-level column: what a columnar reader fetches. */
    public Map<String, Long> columnChunkBytes(Path file) throws SQLException {
        var sizes = new TreeMap<String, Long>();
        try (var s = connection.prepareStatement("SELECT path_in_schema, total_compressed_size"
                + " FROM parquet_metadata(?)")) {
            s.setString(1, file.toAbsolutePath().toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String top = rs.getString(1).split(",")[0].strip();
                    sizes.merge(top, rs.getLong(2), Long::sum);
                }
            }
        }
        return sizes;
    }

    public Connection connection() {
        return connection;
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<List<Object>> rows(ResultSet rs) throws SQLException {
        int n = rs.getMetaData().getColumnCount();
        var rows = new ArrayList<List<Object>>();
        while (rs.next()) {
            var row = new ArrayList<Object>(n);
            for (int i = 1; i <= n; i++) {
                row.add(rs.getObject(i));
            }
            rows.add(row);
        }
        return rows;
    }

    static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Parquet files under a folder, for measuring. */
    public static List<Path> parquetFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
