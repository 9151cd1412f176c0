package org.cityplatform.exchange.audit;

/**
 * What a management event was about (Art. 31): the application, grant, agency, dataset,
 * agreement, opening, calendar year… its request acted on, by type and id (docs/api.md, "Audit").
 */
public record AuditTarget(String type, String id) {

    /** The target as stored in its two columns; null when neither holds anything. */
    static AuditTarget of(String type, String id) {
        return type == null && id == null ? null : new AuditTarget(type, id);
    }
}
