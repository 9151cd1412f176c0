package org.cityplatform.exchange.records;

/** RFC 4180 fields: quoted only when they must be, quotes doubled, CRLF line ends. */
final class CsvText {

    private CsvText() {
    }

    static StringBuilder field(StringBuilder out, String value) {
        if (value == null) {
            return out;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == '"' || c == ',' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return out.append(value);
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        return out.append('"');
    }
}
