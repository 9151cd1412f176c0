package org.cityplatform.exchange.needs;

/**
 * Where a data need stands (Art. 11): filed and waiting for the center, assigned to a provider,
 * met by a dataset, or declined in writing. FULFILLED and DECLINED are final.
 */
public enum DataNeedStatus {
    OPEN, ASSIGNED, FULFILLED, DECLINED
}
