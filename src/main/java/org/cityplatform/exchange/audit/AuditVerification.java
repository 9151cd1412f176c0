package org.cityplatform.exchange.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of verifying the trail: how many sealed events were found intact, whether the whole
 * trail is, and where it first is not. {@code unsealed} counts push events committed with their
 * records and still waiting for their place in a chain: not yet verifiable, and no break.
 */
public record AuditVerification(long checked, boolean intact, long unsealed,
                                @JsonInclude(JsonInclude.Include.NON_NULL) ChainBreak firstBroken) {
}
