package org.cityplatform.exchange.records;

/** Why one pushed item was refused; the names are part of the push contract, so they never change. */
public enum ItemCode {
    /** The item is not well-formed JSON (including content after the item's closing brace). */
    MALFORMED_JSON,
    /** The subject key breaks the Art. 16 rules for the dataset's subject type. */
    INVALID_KEY,
    /** Well-formed JSON of the wrong shape, or data that does not match the dataset's fields. */
    SCHEMA_VIOLATION,
    /** The line (or array element) is longer than the per-item limit and was not read. */
    LINE_TOO_LONG,
    /** The same canonical key was pushed twice in one batch; judged by the caller, which sees the whole batch. */
    DUPLICATE_KEY_IN_BATCH
}
