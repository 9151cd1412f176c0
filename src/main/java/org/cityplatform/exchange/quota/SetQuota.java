package org.cityplatform.exchange.quota;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The body of {@code PUT /api/v1/agencies/{code}/quota}: whole JSON numbers only (1.5 and "10" are refused). */
public record SetQuota(
        @NotNull @Min(1) @Max(1_000_000) @JsonDeserialize(using = IntegerOnly.class) Integer requestsPerSecond,
        @NotNull @Min(1) @Max(10_000) @JsonDeserialize(using = IntegerOnly.class) Integer concurrentExports) {
}
