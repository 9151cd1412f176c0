package org.cityplatform.exchange.audit;

/** What an audit event records (docs/api.md, "Audit"). */
public enum AuditAction {
    PUSH, READ, CHANGES, EXPORT, SUBJECT_LOOKUP, APPLICATION, GRANT, REVOKE, OBJECTION, CATALOG, AGENCY, AGREEMENT, NEED,
    CALENDAR, QUOTA, PUBLICATION, OPENING, CLASSIFICATION, ORDER,
    CRITICISM, VIOLATION, REQUIREMENTS
}
