package org.cityplatform.exchange.audit;

import java.util.List;

/**
 * What a management event was about (Art. 31): the application, grant, agency, dataset,
 * agreement, opening, calendar year… its request acted on, by type and id (docs/api.md, "Audit").
 */
public record AuditTarget(String type, String id) {

    /** Every type {@link ManagementAudit} gives a target; a search for another type is refused. */
    static final List<String> TYPES = List.of("agency", "agreement", "dataset", "opening", "element", "application",
            "grant", "objection", "need", "order", "criticism", "violation", "calendar-year", "assessment-year");

    /** The target as stored in its two columns; null when neither holds anything. */
    static AuditTarget of(String type, String id) {
        return type == null && id == null ? null : new AuditTarget(type, id);
    }
}
