package org.cityplatform.exchange.records;

import java.util.Objects;

/**
 * One accepted item of a push.
 *
 * @param line     1-based line of an NDJSON body, or 1-based element index of a JSON array body
 * @param key      the canonical subject key (Art. 16), the only form that is stored and compared
 * @param dataJson the item's {@code data} object exactly as sent (UTF-8 decoded, whitespace kept), ready to be stored
 *                 as jsonb; {@code null} for a removal
 * @param deleted  {@code true} for a removal
 */
public record PushItem(long line, String key, String dataJson, boolean deleted) implements ParsedItem {

    public PushItem {
        Objects.requireNonNull(key, "key");
        if (deleted == (dataJson != null)) {
            throw new IllegalArgumentException("a removal has no data and an upsert has data");
        }
    }

    public static PushItem upsert(long line, String key, String dataJson) {
        return new PushItem(line, key, Objects.requireNonNull(dataJson, "dataJson"), false);
    }

    public static PushItem removal(long line, String key) {
        return new PushItem(line, key, null, true);
    }
}
