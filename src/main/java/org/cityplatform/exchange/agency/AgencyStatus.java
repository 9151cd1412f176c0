package org.cityplatform.exchange.agency;

/** A suspended agency keeps its data and history but cannot call the platform. */
public enum AgencyStatus {
    ACTIVE,
    SUSPENDED
}
