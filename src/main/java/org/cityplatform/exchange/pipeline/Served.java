package org.cityplatform.exchange.pipeline;

/**
 * What the audit event of an answered data request says of what it served (Art. 31): how many
 * records, and for a change page the cursor range it covered.
 */
public record Served(Long count, String from, String to) {

    /** One record by its key. */
    public static final Served ONE_RECORD = new Served(1L, null, null);

    /** An answer whose records are not counted (a subject lookup names its subject instead). */
    public static final Served UNCOUNTED = new Served(null, null, null);

    public static Served range(long count, String from, String to) {
        return new Served(count, from, to);
    }
}
