package org.cityplatform.exchange.audit;

import io.vertx.sqlclient.Row;

/**
 * Audit events read back from {@code audit_events}, exactly as they were hashed. A statement that
 * reads them selects {@link #BULK} for the bulk read's two columns.
 */
final class AuditRows {

    private AuditRows() {
    }

    /** The bulk read's columns as {@link #event} reads them, for a table aliased {@code e}. */
    static final String BULK = "array_to_string(e.keys, E'\\n') AS keys, e.snapshot";

    static AuditEvent event(Row row) {
        return new AuditEvent(row.getOffsetDateTime("at").toInstant(), row.getString("agency"), row.getString("sub"),
                AuditAction.valueOf(row.getString("action")), row.getString("dataset"), row.getString("subject"),
                row.getLong("count"), row.getString("cursor_from"), row.getString("cursor_to"),
                AuditOutcome.valueOf(row.getString("outcome")), row.getString("code"), row.getString("request_id"),
                row.getString("case_id"),
                AuditTarget.of(row.getString("target_type"), row.getString("target_id")),
                BulkRead.of(row.getString("keys"), row.getString("snapshot")));
    }
}
