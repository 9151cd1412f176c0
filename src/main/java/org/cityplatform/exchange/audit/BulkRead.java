package org.cityplatform.exchange.audit;

import java.util.List;

/**
 * What a bulk read carried, kept with its event so that "who read this person" (Art. 31) names
 * the change pages and exports by which a key left the platform (docs/audit.md, "Bulk reads"): a
 * change page's keys, or the snapshot an export read and, for an export of changes, the cursor it
 * started after. Which keys an export carried is decided from that snapshot when someone asks
 * (V22, {@code bulk_read_carried}); an export may hold millions, a page at most its limit.
 *
 * @param keys     the canonical keys a change page handed out, in its order; null for an export
 * @param snapshot the export's snapshot as PostgreSQL prints a {@code pg_snapshot}, then
 *                 {@code /txid/key} of the cursor an export of changes started after; null for a page
 */
public record BulkRead(List<String> keys, String snapshot) {

    /** How the keys are joined into one hashed field; canonical keys hold no line breaks. */
    static final String KEY_SEPARATOR = "\n";

    public BulkRead {
        keys = keys == null ? null : List.copyOf(keys);
    }

    /** A change page's keys; null when it handed out none. */
    public static BulkRead page(List<String> keys) {
        return keys.isEmpty() ? null : new BulkRead(keys, null);
    }

    /** An export of the current records, read in this snapshot. */
    public static BulkRead export(String snapshot) {
        return new BulkRead(null, snapshot);
    }

    /** An export of the changes after the cursor (txid, key), read in this snapshot. */
    public static BulkRead exportOfChanges(String snapshot, long sinceTxid, String sinceKey) {
        return new BulkRead(null, snapshot + "/" + sinceTxid + "/" + sinceKey);
    }

    /** The keys as one field, as hashed and as shipped; null when there are none. */
    String joinedKeys() {
        return keys == null ? null : String.join(KEY_SEPARATOR, keys);
    }

    /** From the two stored fields; null when neither holds anything. */
    static BulkRead of(String joinedKeys, String snapshot) {
        if (joinedKeys == null && snapshot == null) {
            return null;
        }
        return new BulkRead(joinedKeys == null ? null : List.of(joinedKeys.split(KEY_SEPARATOR, -1)), snapshot);
    }
}
