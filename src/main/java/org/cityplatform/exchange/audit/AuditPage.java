package org.cityplatform.exchange.audit;

import java.util.List;

/**
 * One page of audit events, newest first. {@code next} is the {@code before} of the following
 * page, null when there is none.
 */
public record AuditPage(List<AuditEventView> events, Long next) {
}
