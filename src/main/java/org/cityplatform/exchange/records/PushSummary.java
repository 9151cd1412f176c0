package org.cityplatform.exchange.records;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The running tally of one push, and its summary (docs/api.md, "Records": push). */
final class PushSummary {

    static final int MAX_LISTED_ERRORS = 1000;

    long received;
    long accepted;
    long unchanged;
    long rejected;
    private final List<ItemError> errors = new ArrayList<>();
    String cursor;

    void reject(ItemError error) {
        rejected++;
        if (errors.size() < MAX_LISTED_ERRORS) {
            errors.add(error);
        }
    }

    JsonObject toJson() {
        JsonArray listed = new JsonArray();
        for (ItemError e : errors) {
            JsonObject item = new JsonObject().put("line", e.line());
            if (e.key() != null) {
                item.put("key", e.key());
            }
            listed.add(item.put("code", e.code().name()).put("message", e.message()));
        }
        return new JsonObject()
                .put("received", received)
                .put("accepted", accepted)
                .put("unchanged", unchanged)
                .put("rejected", rejected)
                .put("errors", listed)
                .put("cursor", cursor);
    }
}
