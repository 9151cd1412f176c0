package org.cityplatform.exchange.audit;

/**
 * An answer about one subject's record, such as an objection to it: its management event names
 * the subject key, so "who read this person" (Art. 31) also finds who objected to the record.
 */
public interface AuditedSubject {

    String auditedSubject();
}
