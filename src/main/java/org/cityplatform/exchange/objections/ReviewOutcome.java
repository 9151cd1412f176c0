package org.cityplatform.exchange.objections;

/** The center's review: the record stands, it was corrected, or the provider must check it (Art. 20). */
public enum ReviewOutcome {
    CONFIRMED, CORRECTED, REFER_TO_PROVIDER
}
