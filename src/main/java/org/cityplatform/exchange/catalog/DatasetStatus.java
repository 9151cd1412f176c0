package org.cityplatform.exchange.catalog;

/**
 * A dataset a provider registers waits for the center's classification (Art. 8, 9). An ACTIVE one
 * retired by its provider or the center is RETIRING, still read and pushed so consumers can
 * migrate, until its date; then it is RETIRED and stays in the catalog with its history (Art. 3, 33).
 */
public enum DatasetStatus {
    PENDING_CLASSIFICATION, ACTIVE, RETIRING, RETIRED
}
