package org.cityplatform.exchange.catalog;

/** Who may read a dataset (Art. 8, 9; readers per Art. 17, 18, 19), from the least strict to the strictest. */
public enum SharingClass {
    UNCONDITIONAL, CONDITIONAL, SPECIAL;

    /** Whether this class protects the data more than {@code other}; any class more than none. */
    public boolean isStricterThan(SharingClass other) {
        return other == null || ordinal() > other.ordinal();
    }
}
