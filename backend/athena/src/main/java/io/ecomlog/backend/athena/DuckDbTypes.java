package io.ecomlog.backend.athena;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates a Hive column type ({@link io.ecomlog.lake.LakeColumn#hiveType()}) into DuckDB's notation, so
 * the local runner reads and writes the lake with the very columns Glue declares: {@code string} → {@code VARCHAR},
 * {@code struct<a:string>} → {@code STRUCT("a" VARCHAR)}, {@code array<t>} → {@code t[]},
 * {@code map<k,v>} → {@code MAP(k, v)}; numeric, boolean, decimal and timestamp types keep their names.
 */
public final class DuckDbTypes {

    private final String text;
    private int pos;

    private DuckDbTypes(String text) {
        this.text = text;
    }

    public static String of(String hiveType) {
        var parser = new DuckDbTypes(hiveType.replace(" ", ""));
        String type = parser.type();
        if (parser.pos != parser.text.length()) {
            throw new IllegalArgumentException("trailing text in type " + hiveType + " at " + parser.pos);
        }
        return type;
    }

    private String type() {
        if (eat("struct<")) {
            var fields = new ArrayList<String>();
            do {
                int colon = text.indexOf(':', pos);
                String name = text.substring(pos, colon);
                pos = colon + 1;
                fields.add("\"" + name + "\" " + type());
            } while (eat(","));
            expect('>');
            return "STRUCT(" + String.join(", ", fields) + ")";
        }
        if (eat("array<")) {
            String element = type();
            expect('>');
            return element + "[]";
        }
        if (eat("map<")) {
            String key = type();
            expect(',');
            String value = type();
            expect('>');
            return "MAP(" + key + ", " + value + ")";
        }
        if (eat("decimal(")) {
            int close = text.indexOf(')', pos);
            String args = text.substring(pos, close);
            pos = close + 1;
            return "DECIMAL(" + args + ")";
        }
        for (var simple : SIMPLE) {
            if (eat(simple.get(0))) {
                return simple.get(1);
            }
        }
        throw new IllegalArgumentException("unknown type at " + pos + " of " + text);
    }

    private static final List<List<String>> SIMPLE = List.of(List.of("string", "VARCHAR"),
            List.of("bigint", "BIGINT"), List.of("int", "INTEGER"), List.of("double", "DOUBLE"),
            List.of("boolean", "BOOLEAN"), List.of("timestamp", "TIMESTAMP"), List.of("date", "DATE"));

    private boolean eat(String prefix) {
        if (text.startsWith(prefix, pos)) {
            pos += prefix.length();
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos + " of " + text);
        }
        pos++;
    }
}
