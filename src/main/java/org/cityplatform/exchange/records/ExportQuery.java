package org.cityplatform.exchange.records;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The SQL of one export and how each row becomes bytes. NDJSON passes the stored jsonb text
 * through; CSV lets PostgreSQL pick each visible field out of the document.
 */
final class ExportQuery {

    private final ExportFormat format;
    private final List<String> fields;
    private final ChangeCursor since;
    final String sql;

    ExportQuery(ExportFormat format, List<String> fields, ChangeCursor since) {
        this.format = format;
        this.fields = fields;
        this.since = since;
        StringBuilder select = new StringBuilder("SELECT key, version, updated_at, deleted");
        if (format == ExportFormat.NDJSON) {
            select.append(", data::text");
        } else {
            // Field names are validated identifiers ([A-Za-z_][A-Za-z0-9_]*), safe inside a literal.
            fields.forEach(f -> select.append(", data->>'").append(f).append('\''));
        }
        select.append(" FROM records WHERE dataset_id = $1");
        select.append(since == null ? " AND NOT deleted" : " AND (txid, key) > ($2::text::xid8, $3)");
        this.sql = select.toString();
    }

    Tuple parameters(int datasetId) {
        return since == null ? Tuple.of(datasetId) : Tuple.of(datasetId, Long.toString(since.txid()), since.key());
    }

    /** The CSV header row; nothing for NDJSON. */
    void appendHeader(StringBuilder out) {
        if (format != ExportFormat.CSV) {
            return;
        }
        out.append("key");
        fields.forEach(f -> CsvText.field(out.append(','), f));
        if (since != null) {
            out.append(",deleted");
        }
        out.append("\r\n");
    }

    void appendRow(StringBuilder out, Row row) {
        String key = row.getString(0);
        if (format == ExportFormat.NDJSON) {
            out.append("{\"key\":");
            JsonText.quote(out, key);
            String data = row.getString(4);
            out.append(",\"data\":").append(data == null ? "null" : data)
                    .append(",\"version\":").append(row.getLong(1));
            if (since != null) {
                out.append(",\"deleted\":").append(row.getBoolean(3));
            }
            out.append(",\"updatedAt\":\"").append(row.getOffsetDateTime(2)).append("\"}\n");
            return;
        }
        CsvText.field(out, key);
        for (int i = 0; i < fields.size(); i++) {
            CsvText.field(out.append(','), row.getString(4 + i));
        }
        if (since != null) {
            out.append(',').append(row.getBoolean(3));
        }
        out.append("\r\n");
    }
}
