package org.cityplatform.exchange.catalog;

/** Who may read a dataset (Art. 8, 9; readers per Art. 17, 18, 19). */
public enum SharingClass {
    UNCONDITIONAL, CONDITIONAL, SPECIAL
}
