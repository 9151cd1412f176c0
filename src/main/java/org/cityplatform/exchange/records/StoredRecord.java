package org.cityplatform.exchange.records;

import java.time.OffsetDateTime;

/** One record as stored: {@code dataJson} is PostgreSQL's jsonb text, null once removed. */
public record StoredRecord(String key, String dataJson, long version, boolean deleted, OffsetDateTime updatedAt) {

    /** {"key","data","version","updatedAt"} (and "deleted" when asked), data passed through as stored. */
    StringBuilder appendJson(StringBuilder out, boolean withDeleted) {
        out.append("{\"key\":");
        JsonText.quote(out, key);
        out.append(",\"data\":").append(dataJson == null ? "null" : dataJson);
        out.append(",\"version\":").append(version);
        if (withDeleted) {
            out.append(",\"deleted\":").append(deleted);
        }
        out.append(",\"updatedAt\":\"").append(updatedAt).append("\"}");
        return out;
    }
}
