package org.cityplatform.exchange.objections;

/** Where an objection stands (Art. 20): with the center, with the provider, or answered. */
public enum ObjectionStatus {
    OPEN, PROVIDER_CHECK, RESOLVED
}
