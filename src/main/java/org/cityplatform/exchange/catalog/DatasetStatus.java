package org.cityplatform.exchange.catalog;

/** A dataset a provider registers waits for the center's classification (Art. 8, 9). */
public enum DatasetStatus {
    PENDING_CLASSIFICATION, ACTIVE
}
