package org.cityplatform.exchange.quota;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The body of {@code PUT /api/v1/agencies/{code}/quota}. */
public record SetQuota(
        @NotNull @Min(1) @Max(1_000_000) Integer requestsPerSecond,
        @NotNull @Min(1) @Max(10_000) Integer concurrentExports) {
}
