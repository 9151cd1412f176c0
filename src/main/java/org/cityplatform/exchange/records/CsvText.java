package org.cityplatform.exchange.records;

import java.util.regex.Pattern;

/**
 * CSV cells for every CSV the gateway writes (agency exports, open data exports, the assessment
 * table): RFC 4180 (quoted when they must be, quotes doubled, CRLF line ends), and never a
 * formula. A spreadsheet opening the file runs a cell that starts with {@code = + - @}, a tab, a
 * carriage return or NUL as a formula (CSV injection: links that send the sheet away, commands),
 * and the cells hold what agencies pushed. Such a cell is written as OWASP advises: a single quote
 * in front, which spreadsheets take for "this is text", and the whole cell quoted. A JSON number
 * ({@code -5}, {@code -1.5e3}) is no formula and stays as it is, so numeric columns stay numbers.
 * A cell holding a semicolon is quoted too: spreadsheets in locales that split on semicolons
 * would otherwise start a new cell, possibly a formula, in the middle of it.
 */
public final class CsvText {

    /** The JSON number grammar (RFC 8259, section 6): what a NUMBER or INTEGER field holds. */
    private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

    private CsvText() {
    }

    /** Appends one cell, quoted only when it must be; null is an empty cell. */
    public static StringBuilder field(StringBuilder out, String value) {
        if (value == null || value.isEmpty()) {
            return out;
        }
        boolean formula = startsFormula(value);
        boolean quote = formula;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == '"' || c == ',' || c == ';' || c == '\n' || c == '\r';
        }
        return quote ? quoted(out, value, formula) : out.append(value);
    }

    /** Appends one cell, always quoted (for text columns that read better that way). */
    public static StringBuilder quotedField(StringBuilder out, String value) {
        return quoted(out, value == null ? "" : value, startsFormula(value));
    }

    /** True when a spreadsheet would take the cell for a formula. */
    public static boolean startsFormula(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        boolean trigger = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                || first == '\r' || first == '\0';
        return trigger && !(first == '-' && NUMBER.matcher(value).matches());
    }

    private static StringBuilder quoted(StringBuilder out, String value, boolean formula) {
        out.append('"');
        if (formula) {
            out.append('\'');
        }
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
