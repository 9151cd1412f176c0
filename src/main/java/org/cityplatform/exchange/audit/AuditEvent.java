package org.cityplatform.exchange.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One audit event, as stored and as hashed. {@code subject} is the key a lookup or subject lookup
 * asked for (that is what the trail is for, Art. 31); {@code count} and the cursor range describe
 * pushes, change pages and exports; {@code target} what a management event acted on (null for
 * data requests, and for events written before targets were recorded); {@code bulk} what a change page
 * or an export carried (null for every other event, and for bulk reads before V22).
 */
public record AuditEvent(Instant at, String agency, String sub, AuditAction action, String dataset, String subject,
                         Long count, String cursorFrom, String cursorTo, AuditOutcome outcome, String code,
                         String requestId, String caseId, AuditTarget target, BulkRead bulk) {

    public AuditEvent {
        // PostgreSQL keeps microseconds: hash exactly what can be read back.
        at = at.truncatedTo(ChronoUnit.MICROS);
    }

    /** An event about a target (a management event's), or without one. */
    public AuditEvent(Instant at, String agency, String sub, AuditAction action, String dataset, String subject,
                      Long count, String cursorFrom, String cursorTo, AuditOutcome outcome, String code,
                      String requestId, String caseId, AuditTarget target) {
        this(at, agency, sub, action, dataset, subject, count, cursorFrom, cursorTo, outcome, code, requestId, caseId,
                target, null);
    }

    /** An event without a target: every data request's. */
    public AuditEvent(Instant at, String agency, String sub, AuditAction action, String dataset, String subject,
                      Long count, String cursorFrom, String cursorTo, AuditOutcome outcome, String code,
                      String requestId, String caseId) {
        this(at, agency, sub, action, dataset, subject, count, cursorFrom, cursorTo, outcome, code, requestId, caseId,
                null, null);
    }

    /** The same event under this case reference (what the reading is part of). */
    public AuditEvent inCase(String reference) {
        return new AuditEvent(at, agency, sub, action, dataset, subject, count, cursorFrom, cursorTo, outcome, code,
                requestId, reference, target, bulk);
    }

    /** The same event about this target. */
    public AuditEvent about(AuditTarget about) {
        return new AuditEvent(at, agency, sub, action, dataset, subject, count, cursorFrom, cursorTo, outcome, code,
                requestId, caseId, about, bulk);
    }

    /** The same event of a bulk read, with what it carried (null: nothing to add). */
    public AuditEvent carrying(BulkRead carried) {
        return carried == null ? this : new AuditEvent(at, agency, sub, action, dataset, subject, count, cursorFrom,
                cursorTo, outcome, code, requestId, caseId, target, carried);
    }
}
