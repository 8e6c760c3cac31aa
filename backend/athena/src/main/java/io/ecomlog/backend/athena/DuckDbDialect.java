package io.ecomlog.backend.athena;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few words in which the named queries' Trino SQL and DuckDB's differ; everything else runs as written. Each
 * rewrite is a function name, matched as a whole word before its parenthesis:
 * <ul>
 *   <li>{@code day_of_week(t)} (ISO, Monday = 1) → {@code isodow(t)};</li>
 *   <li>{@code cardinality(array)} → {@code len(array)} (DuckDB's {@code cardinality} is for maps).</li>
 * </ul>
 */
public final class DuckDbDialect {

    private static final Map<String, String> FUNCTIONS = Map.of("day_of_week", "isodow", "cardinality", "len");
    private static final Pattern FUNCTION = Pattern.compile("\\b(" + String.join("|", FUNCTIONS.keySet())
            + ")\\s*\\(", Pattern.CASE_INSENSITIVE);

    private DuckDbDialect() {
    }

    public static String translate(String trinoSql) {
        Matcher m = FUNCTION.matcher(trinoSql);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, FUNCTIONS.get(m.group(1).toLowerCase(Locale.ROOT)) + "(");
        }
        m.appendTail(out);
        return out.toString();
    }
}
