package org.cityplatform.exchange.records;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The SQL of one export and how each row becomes bytes. NDJSON passes the stored jsonb text
 * through; CSV lets PostgreSQL pick each visible field out of the document. Open data builds its
 * own with {@link #published}; everything else about a query stays inside records.
 */
public final class ExportQuery {

    private final ExportFormat format;
    private final List<String> fields;
    private final ChangeCursor since;
    private final Timestamps timestamps = new Timestamps();
    final String sql;

    private final String[] hidden;
    private final Map<String, String> objections;
    private final boolean keyed;

    /** @param objections the open objections on this dataset's records, as JSON by key (docs/api.md, "Objections") */
    ExportQuery(ExportFormat format, List<String> fields, String[] hidden, ChangeCursor since,
                Map<String, String> objections) {
        this.format = format;
        this.objections = objections;
        this.fields = fields;
        this.hidden = hidden;
        this.since = since;
        this.keyed = true;
        StringBuilder select = new StringBuilder("SELECT key, version, updated_at, deleted");
        if (format == ExportFormat.NDJSON) {
            // The document's UTF-8 bytes as PostgreSQL prints them, passed to the wire untouched:
            // no decoding into a Java string and encoding back, row after row.
            select.append(hidden.length == 0 ? ", convert_to(data::text, 'UTF8')"
                    : ", convert_to((data - $" + (since == null ? 2 : 4) + "::text[])::text, 'UTF8')");
        } else {
            // Field names are validated identifiers ([A-Za-z_][A-Za-z0-9_]*), safe inside a literal.
            fields.forEach(f -> select.append(", data->>'").append(f).append('\''));
        }
        select.append(" FROM records WHERE dataset_id = $1");
        select.append(since == null ? " AND NOT deleted" : " AND (txid, key) > ($2::text::xid8, $3)");
        this.sql = select.toString();
    }

    /*
     * Open data (Art. 23, 25): the current records with only the published fields, picked by name
     * (never "everything but the hidden ones", so nothing unlisted can slip out). Without the key,
     * PostgreSQL does not even send it. For PERSON data, a value holding a run of 15 or more digits
     * (the shape of a resident identity number, old or new, or of a bank card), also in full-width
     * digits or split by separators (see IDENTITY_NUMBER), is withheld as null: a free-text field
     * must not carry the key the export leaves out.
     */
    private ExportQuery(ExportFormat format, List<String> fields, boolean keyed, boolean withholdIdentityNumbers) {
        this.format = format;
        this.fields = fields;
        this.hidden = new String[0];
        this.since = null;
        this.keyed = keyed;
        this.objections = Map.of();
        StringBuilder select = new StringBuilder(keyed ? "SELECT key" : "SELECT NULL::text");
        select.append(", version, updated_at, deleted");
        if (format == ExportFormat.NDJSON) {
            // jsonb_build_object takes at most 100 arguments: 50 fields per call, joined with ||.
            select.append(", convert_to((");
            for (int i = 0; i < fields.size(); i += 50) {
                select.append(i == 0 ? "jsonb_build_object(" : " || jsonb_build_object(");
                List<String> part = fields.subList(i, Math.min(fields.size(), i + 50));
                for (int j = 0; j < part.size(); j++) {
                    String f = part.get(j);
                    select.append(j == 0 ? "" : ", ").append('\'').append(f).append("', ")
                            .append(published(f, "->", withholdIdentityNumbers));
                }
                select.append(')');
            }
            select.append(")::text, 'UTF8')");
        } else {
            fields.forEach(f -> select.append(", ").append(published(f, "->>", withholdIdentityNumbers)));
        }
        this.sql = select.append(" FROM records WHERE dataset_id = $1 AND NOT deleted").toString();
    }

    /** The export of open data: the published fields only, with or without the record's key. */
    public static ExportQuery published(ExportFormat format, List<String> fields, boolean keyed,
                                 boolean withholdIdentityNumbers) {
        return new ExportQuery(format, fields, keyed, withholdIdentityNumbers);
    }

    /*
     * Fifteen digits, possibly split by separators (spaces of any width, zero-width characters,
     * hyphens and dashes, dots, slashes, underscores), matched on the value in Unicode NFKC form,
     * which folds full-width digits (０-９), their full-width separators and other compatibility
     * forms to ASCII: "１１０１０５…" and "110105 19800101 0016" are the same number to a reader.
     * Erring towards withholding a value that only looks like one is the safe side.
     */
    static final String IDENTITY_NUMBER = "[0-9](?:[[:space:]\\u00a0\\u3000\\u200b-\\u200d\\u2060\\ufeff"
            + "\\u2010-\\u2015\\u2212\\u00b7._/-]*[0-9]){14}";

    // Field names are validated identifiers ([A-Za-z_][A-Za-z0-9_]*), safe inside a literal.
    private static String published(String field, String operator, boolean withholdIdentityNumbers) {
        String value = "data" + operator + "'" + field + "'";
        return withholdIdentityNumbers ? "CASE WHEN normalize(data->>'" + field + "', NFKC) ~ '" + IDENTITY_NUMBER
                + "' THEN NULL ELSE " + value + " END" : value;
    }

    ExportFormat format() {
        return format;
    }

    /** Whether each row carries its key (open data of persons does not). */
    boolean keyed() {
        return keyed;
    }

    /** Where a change export starts; null for the current records. */
    ChangeCursor since() {
        return since;
    }

    Tuple parameters(int datasetId) {
        Tuple tuple = since == null ? Tuple.of(datasetId) : Tuple.of(datasetId, Long.toString(since.txid()), since.key());
        return hidden.length == 0 || format != ExportFormat.NDJSON ? tuple : tuple.addValue(hidden);
    }

    /** The CSV header row; nothing for NDJSON. */
    void appendHeader(Buffer out) {
        if (format != ExportFormat.CSV) {
            return;
        }
        StringBuilder header = new StringBuilder(keyed ? "key" : "");
        fields.forEach(f -> CsvText.field(header.length() == 0 ? header : header.append(','), f));
        if (since != null) {
            header.append(",deleted");
        }
        out.appendString(header.append("\r\n").toString());
    }

    void appendRow(Buffer out, Row row) {
        String key = row.getString(0);
        if (format == ExportFormat.NDJSON) {
            if (keyed) {
                out.appendString("{\"key\":").appendString(JsonText.quoted(key)).appendString(",\"data\":");
            } else {
                out.appendString("{\"data\":");
            }
            Buffer data = row.getBuffer(4);
            if (data == null) {
                out.appendString("null");
            } else {
                out.appendBuffer(data);
            }
            out.appendString(",\"version\":").appendString(Long.toString(row.getLong(1)));
            if (since != null) {
                out.appendString(row.getBoolean(3) ? ",\"deleted\":true" : ",\"deleted\":false");
            }
            out.appendString(",\"updatedAt\":\"").appendString(timestamps.format(row.getOffsetDateTime(2)))
                    .appendString("\"");
            String objection = objections.isEmpty() ? null : objections.get(key);
            if (objection != null) {
                out.appendString(",\"objection\":").appendString(objection);
            }
            out.appendString("}\n");
            return;
        }
        StringBuilder line = new StringBuilder(256);
        if (keyed) {
            CsvText.field(line, key);
        }
        for (int i = 0; i < fields.size(); i++) {
            CsvText.field(keyed || i > 0 ? line.append(',') : line, row.getString(4 + i));
        }
        if (since != null) {
            line.append(',').append(row.getBoolean(3));
        }
        out.appendString(line.append("\r\n").toString());
    }

    /**
     * Rows written by one push statement share their timestamp: format each distinct one once
     * rather than once per row.
     */
    private static final class Timestamps {
        private OffsetDateTime last;
        private String text;

        String format(OffsetDateTime t) {
            if (!t.equals(last)) {
                last = t;
                text = t.toString();
            }
            return text;
        }
    }
}
