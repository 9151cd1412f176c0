package org.cityplatform.exchange.records;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The SQL of one export and how each row becomes bytes. NDJSON passes the stored jsonb text
 * through; CSV lets PostgreSQL pick each visible field out of the document.
 */
final class ExportQuery {

    private final ExportFormat format;
    private final List<String> fields;
    private final ChangeCursor since;
    private final Timestamps timestamps = new Timestamps();
    final String sql;

    private final String[] hidden;
    private final Map<String, String> objections;

    /** @param objections the open objections on this dataset's records, as JSON by key (API.md, "Objections") */
    ExportQuery(ExportFormat format, List<String> fields, String[] hidden, ChangeCursor since,
                Map<String, String> objections) {
        this.format = format;
        this.objections = objections;
        this.fields = fields;
        this.hidden = hidden;
        this.since = since;
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

    Tuple parameters(int datasetId) {
        Tuple tuple = since == null ? Tuple.of(datasetId) : Tuple.of(datasetId, Long.toString(since.txid()), since.key());
        return hidden.length == 0 || format != ExportFormat.NDJSON ? tuple : tuple.addValue(hidden);
    }

    /** The CSV header row; nothing for NDJSON. */
    void appendHeader(Buffer out) {
        if (format != ExportFormat.CSV) {
            return;
        }
        StringBuilder header = new StringBuilder("key");
        fields.forEach(f -> CsvText.field(header.append(','), f));
        if (since != null) {
            header.append(",deleted");
        }
        out.appendString(header.append("\r\n").toString());
    }

    void appendRow(Buffer out, Row row) {
        String key = row.getString(0);
        if (format == ExportFormat.NDJSON) {
            out.appendString("{\"key\":").appendString(JsonText.quoted(key));
            Buffer data = row.getBuffer(4);
            out.appendString(",\"data\":");
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
        CsvText.field(line, key);
        for (int i = 0; i < fields.size(); i++) {
            CsvText.field(line.append(','), row.getString(4 + i));
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
