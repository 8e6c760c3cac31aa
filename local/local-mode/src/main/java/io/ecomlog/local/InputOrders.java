package io.ecomlog.local;

import io.ecomlog.backend.athena.DuckDbLake;
import io.ecomlog.backend.order.OrderHistoryStore;
import io.ecomlog.publicdata.OnlineRetailParser;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The invoices an Online Retail file holds, read by DuckDB's CSV reader and grouped in SQL: a second reading of the
 * input, independent of the replay's parser, that the demo checks the order history against. It applies the same
 * documented rules (README, "The money of an order"; which rows are not orders), so a parser or pipeline that loses
 * a row or a cent is caught.
 *
 * @param invoices the invoices in the order the replay sends them (by first row, or by time for a backfill)
 * @param rows     data rows read (after the header)
 */
record InputOrders(List<Invoice> invoices, long rows) {

    /**
     * One invoice: the customer key it belongs to, its total, its product lines, whether it is a credit note, its
     * rows in the file and the day of its first row (the file's dates taken as UTC, as the replay does).
     */
    record Invoice(String invoice, String customerKey, BigDecimal total, int productLines, boolean creditNote,
                   int rows, LocalDate day) {
    }

    /** Every row as text; line ends of either kind (the sample has CRLF), so the sniffer is told the dialect. */
    private static final String READ = """
            read_csv({file}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
                     new_line = '\\n', strict_mode = false,
                     names = ['invoice', 'stock_code', 'description', 'quantity', 'invoice_date', 'unit_price',
                              'customer', 'country'])""";

    private static final String SQL = """
            WITH raw AS (
                SELECT row_number() OVER () AS row_no, *
                FROM {read}
            ),
            typed AS (
                SELECT row_no, trim(invoice) AS invoice, upper(trim(stock_code)) AS code,
                       TRY_CAST(trim(quantity) AS BIGINT) AS qty,
                       TRY_CAST(trim(unit_price) AS DECIMAL(18, 6)) AS price,
                       regexp_replace(coalesce(trim(customer), ''), '^([0-9]+)\\.0$', '\\1') AS customer,
                       coalesce(try_strptime(trim(invoice_date), '%m/%d/%Y %H:%M'),
                                try_strptime(trim(invoice_date), '%m/%d/%Y %H:%M:%S'),
                                try_strptime(trim(invoice_date), '%Y-%m-%d %H:%M:%S'),
                                try_strptime(trim(invoice_date), '%Y-%m-%d %H:%M'),
                                try_strptime(trim(invoice_date), '%Y-%m-%dT%H:%M:%S')) AS invoiced_at
                FROM raw
                WHERE ? = 0 OR row_no <= ?
            ),
            usable AS (
                SELECT *, CASE WHEN code IN ('POST', 'DOT', 'C2') THEN 'shipping'
                               WHEN code = 'D' THEN 'discount'
                               WHEN code IN ('M', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'S', 'B') THEN 'fee'
                               ELSE 'product' END AS kind
                FROM typed
                WHERE invoice <> '' AND code <> '' AND qty IS NOT NULL AND qty <> 0 AND price IS NOT NULL
                  AND price >= 0 AND invoiced_at IS NOT NULL
                  AND NOT (qty < 0 AND NOT starts_with(invoice, 'C'))
                  AND NOT (customer = '' AND price = 0)
            ),
            invoices AS (
                SELECT invoice, arg_min(customer, row_no) AS customer, min(row_no) AS first_row,
                       arg_min(invoiced_at, row_no) AS invoiced_at, count(*) AS rows,
                       sum(CASE WHEN kind = 'product' THEN abs(qty) * price ELSE 0 END) AS products,
                       sum(CASE WHEN kind = 'shipping' THEN abs(qty) * price ELSE 0 END) AS shipping,
                       sum(CASE WHEN kind = 'fee' THEN abs(qty) * price ELSE 0 END) AS fees,
                       sum(CASE WHEN kind = 'discount' THEN abs(qty) * price ELSE 0 END) AS discount,
                       count(*) FILTER (WHERE kind = 'product') AS product_lines
                FROM usable
                GROUP BY invoice
            )
            SELECT invoice, customer,
                   CAST(CASE WHEN starts_with(invoice, 'C') THEN products + shipping + fees + discount
                             ELSE greatest(products + shipping + fees - discount, 0) END AS VARCHAR) AS total,
                   product_lines, starts_with(invoice, 'C') AS credit_note, rows,
                   strftime(invoiced_at, '%Y-%m-%d') AS day
            FROM invoices
            ORDER BY CASE WHEN ? THEN epoch(invoiced_at) ELSE 0 END, first_row
            """;

    /**
     * @param maxRows   only the file's first rows, as the replay reads them (0: all)
     * @param timeOrder the order of a backfill's replay: by invoice time
     */
    static InputOrders read(Path onlineRetailFile, long maxRows, boolean timeOrder) throws SQLException {
        var invoices = new ArrayList<Invoice>();
        long rows;
        try (var duck = DuckDbLake.inMemory()) {
            String read = READ.replace("{file}", literal(onlineRetailFile));
            try (var st = duck.connection().prepareStatement(SQL.replace("{read}", read))) {
                st.setLong(1, maxRows);
                st.setLong(2, maxRows);
                st.setBoolean(3, timeOrder);
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        String invoice = rs.getString(1);
                        String customer = rs.getString(2);
                        // a guest's invoice is keyed by the anonymous id the replay gives it
                        String key = customer.isEmpty()
                                ? OrderHistoryStore.customerKeyOf(OrderHistoryStore.GUEST_ID_PREFIX
                                + OnlineRetailParser.GUEST_PREFIX + invoice)
                                : OrderHistoryStore.userKey(customer);
                        invoices.add(new Invoice(invoice, key, new BigDecimal(rs.getString(3)), rs.getInt(4),
                                rs.getBoolean(5), rs.getInt(6), LocalDate.parse(rs.getString(7))));
                    }
                }
            }
            try (var st = duck.connection().createStatement()) {
                try (var rs = st.executeQuery("SELECT count(*) FROM " + read)) {
                    rs.next();
                    rows = maxRows == 0 ? rs.getLong(1) : Math.min(maxRows, rs.getLong(1));
                }
            }
        }
        return new InputOrders(List.copyOf(invoices), rows);
    }

    /** A file name as an SQL string (DuckDB's table functions take no parameters). */
    private static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
