package io.ecomlog.publicdata;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of RFC 4180 CSV: fields separated by commas, a field in double quotes may contain commas, and a
 * doubled quote inside quotes stands for one quote. A trailing carriage return (CRLF files) is ignored. Fields that
 * span lines are not supported: none of the demo's files has them, and a line with an unclosed quote is reported.
 */
final class Csv {

    private Csv() {
    }

    /** The fields of {@code line}, or {@code null} when a quoted field is not closed on this line. */
    static List<String> split(String line) {
        int end = line.endsWith("\r") ? line.length() - 1 : line.length();
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < end && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString());
        return fields;
    }
}
