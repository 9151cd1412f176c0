package org.cityplatform.exchange.agency;

/** Government departments and public enterprises (bus, water, power, gas…) alike share data. */
public enum AgencyKind {
    ADMINISTRATIVE,
    PUBLIC_ENTERPRISE
}
