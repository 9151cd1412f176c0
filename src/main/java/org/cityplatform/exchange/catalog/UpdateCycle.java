package org.cityplatform.exchange.catalog;

/** How often a provider keeps a dataset current (Art. 13). */
public enum UpdateCycle {
    REALTIME, DAILY, WEEKLY, MONTHLY
}
