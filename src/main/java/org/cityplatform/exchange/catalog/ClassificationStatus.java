package org.cityplatform.exchange.catalog;

/** Art. 9: where the center and the provider stand on a dataset's class (docs/catalog.md). */
public enum ClassificationStatus {
    /** The class in force is agreed: set by the center, concurred with, or settled. */
    AGREED,
    /** A less strict class is proposed and waits for the provider until its due date. */
    PROPOSED,
    /** The provider objected; the stricter class stays in force until the center decides. */
    DISPUTED
}
