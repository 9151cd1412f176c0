package org.cityplatform.exchange.agency;

/** What a notification is about (docs/api.md, "Access": notifications). */
public enum NotificationKind {
    /** An application on the provider's dataset was approved, or a consumer's own was decided. */
    APPLICATION_DECIDED,
    /** The center consults the provider on an application for its CONDITIONAL data (Art. 18). */
    CONSULTATION_REQUESTED,
    /** A grant was made or revoked. */
    GRANT_CHANGED,
    /** An objection was referred to the provider, or answered (Art. 20). */
    OBJECTION,
    /** A dataset the recipient provides or holds a grant on has a new schema version. */
    DATASET_CHANGED,
    /** A dataset the recipient provides, holds a grant on or read lately is to be retired (Art. 3, 33). */
    DATASET_RETIRING,
    /** A dataset the recipient provides was retired: nothing is read or pushed any more. */
    DATASET_RETIRED,
    /** A data need was assigned to the provider, or the filer's need was fulfilled or declined (Art. 11). */
    DATA_NEED,
    /** The center proposed or applied a sharing class, or the provider concurred or objected (Art. 9). */
    CLASSIFICATION,
    /** A dataset stored before a catalog rule was enforced breaks it (Art. 8: sensitive data in an UNCONDITIONAL dataset). */
    CATALOG_RULE,
    /** A PERSON dataset's opening was approved or refused, its review is near, or it was suspended (Art. 24). */
    OPENING,
    /** The center ordered the recipient to rectify, or an order was answered, closed or opened again (Art. 35). */
    RECTIFICATION_ORDER,
    /** The center criticised the recipient in writing (Art. 35, 36). */
    CRITICISM,
    /** The center recorded a violation by the recipient, with its evidence (Art. 36). */
    VIOLATION,
    /** A deadline passed. */
    OVERDUE,
    /** A provider reported that it cannot update a dataset on time (Art. 28); to the center. */
    DELAY_REPORTED,
    /** The center settled or moved the source of a data element (Art. 4(1), 12); to both providers. */
    ELEMENT_SOURCE_CHANGED,
    /** A new version of the platform agreement is in force; the recipient signed an earlier one (Art. 32). */
    AGREEMENT_VERSION
}
