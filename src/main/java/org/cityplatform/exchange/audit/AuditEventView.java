package org.cityplatform.exchange.audit;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One audit event as the center reads it (docs/api.md, "Audit"). {@code subjects} is a list so that an
 * event about several subjects needs no new shape; today an event names at most one. Action and
 * outcome are passed through as stored: a row that no longer names a known one is still shown
 * (verification tells whether it was altered). {@code bulk} marks a change page or an export: a search by
 * subject finds them by the keys they carried (docs/audit.md, "Bulk reads"), not by {@code subjects}.
 */
public record AuditEventView(long id, OffsetDateTime at, String agency, String sub, String action, String dataset,
                             List<String> subjects, Long count, String cursorFrom, String cursorTo, String outcome,
                             String code, String requestId, String caseId, AuditTarget target, boolean bulk) {

    /** A row of {@link AuditQuery#sql()}. */
    static AuditEventView of(Row row) {
        String subject = row.getString("subject");
        return new AuditEventView(row.getLong("id"), row.getOffsetDateTime("at"), row.getString("agency"),
                row.getString("sub"), row.getString("action"), row.getString("dataset"),
                subject == null ? List.of() : List.of(subject), row.getLong("count"), row.getString("cursor_from"),
                row.getString("cursor_to"), row.getString("outcome"), row.getString("code"),
                row.getString("request_id"), row.getString("case_id"), AuditTarget.of(row.getString("target_type"),
                row.getString("target_id")), isBulk(row.getString("action")));
    }

    /** A change page or an export: the reads that take keys out by the page or by the million. */
    private static boolean isBulk(String action) {
        return AuditAction.CHANGES.name().equals(action) || AuditAction.EXPORT.name().equals(action);
    }
}
