package org.cityplatform.exchange.objections;

/** The provider's written answer after its check (Art. 20). */
public enum ProviderOutcome {
    CONFIRMED, CORRECTED
}
