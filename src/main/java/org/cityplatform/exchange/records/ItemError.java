package org.cityplatform.exchange.records;

import java.util.Objects;

/**
 * One refused item, reported back to the provider.
 *
 * @param line    1-based line of an NDJSON body, or 1-based element index of a JSON array body
 * @param key     the canonical key when it was valid, otherwise the key as sent (cut to 100 characters); {@code null}
 *                when the item had no readable string key
 * @param code    the contract's item code
 * @param message says exactly what is wrong, in terms of the item as the provider wrote it; never a stack trace or a
 *                class name
 */
public record ItemError(long line, String key, ItemCode code, String message) implements ParsedItem {

    public ItemError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** For the caller, which alone sees the whole batch; {@code firstLine} is where the key was first pushed. */
    public static ItemError duplicateKeyInBatch(long line, String key, long firstLine) {
        return new ItemError(line, key, ItemCode.DUPLICATE_KEY_IN_BATCH,
                "key " + key + " was already pushed at line " + firstLine + " of this batch");
    }
}
