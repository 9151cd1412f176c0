package org.cityplatform.exchange.quota;

import java.time.OffsetDateTime;

/**
 * An agency's quota: requests a second on the data routes and exports running at once, over all
 * instances. {@code updatedAt} and {@code updatedBy} are null while the configured defaults apply.
 */
public record Quota(String agency, int requestsPerSecond, int concurrentExports, OffsetDateTime updatedAt,
                    String updatedBy) {

    static Quota defaults(String agency, QuotaSettings settings) {
        return new Quota(agency, settings.defaultRequestsPerSecond(), settings.defaultConcurrentExports(), null, null);
    }
}
