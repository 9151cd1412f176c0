package org.cityplatform.exchange.catalog;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Ends the grants on a dataset that is retired. Grants live above the catalog (access), which
 * implements this; the catalog asks without depending upward.
 */
public interface GrantEnding {

    /**
     * Revokes, as the system and with {@code reason}, every grant in force on the dataset, and tells
     * each holder, within the caller's transaction; answers the holders.
     */
    Uni<List<String>> endAll(String dataset, String reason);
}
