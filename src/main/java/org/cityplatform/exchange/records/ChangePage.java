package org.cityplatform.exchange.records;

import java.util.List;

/** One page of a dataset's change feed (docs/api.md, "Records": changes). */
public record ChangePage(List<StoredRecord> changes, ChangeCursor next, boolean hasMore) {

    /** The keys the page hands out, in its order. */
    public List<String> keys() {
        return changes.stream().map(StoredRecord::key).toList();
    }

    String toJson() {
        StringBuilder out = new StringBuilder(128 + changes.size() * 320).append("{\"changes\":[");
        for (int i = 0; i < changes.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            changes.get(i).appendJson(out, true);
        }
        out.append("],\"next\":\"").append(next.encode()).append("\",\"hasMore\":").append(hasMore).append('}');
        return out.toString();
    }
}
