package org.cityplatform.exchange.pipeline;

import java.util.List;
import org.cityplatform.exchange.audit.BulkRead;

/**
 * What the audit event of an answered data request says of what it served (Art. 31): how many
 * records, and for a change page the cursor range it covered and the keys it handed out.
 */
public record Served(Long count, String from, String to, BulkRead bulk) {

    /** One record by its key. */
    public static final Served ONE_RECORD = new Served(1L, null, null, null);

    /** An answer whose records are not counted (a subject lookup names its subject instead). */
    public static final Served UNCOUNTED = new Served(null, null, null, null);

    /** A change page: its range, and its keys so that the trail can name it for each of them. */
    public static Served page(String from, String to, List<String> keys) {
        return new Served((long) keys.size(), from, to, BulkRead.page(keys));
    }
}
