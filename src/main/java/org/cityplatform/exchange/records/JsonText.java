package org.cityplatform.exchange.records;

/**
 * Writes the few JSON fragments the hot paths assemble themselves, so record data can go from
 * PostgreSQL's jsonb text to the wire without being parsed and re-serialised.
 */
final class JsonText {

    private JsonText() {
    }

    static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** The JSON string literal of s; canonical keys need no escaping, so they take the short way. */
    static String quoted(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return quote(new StringBuilder(s.length() + 8), s).toString();
            }
        }
        return '"' + s + '"';
    }
}
