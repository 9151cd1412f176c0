package org.cityplatform.exchange.catalog;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * The agencies besides its provider that hear of a dataset's changes: those holding grants on it.
 * Grants live above the catalog (access), which implements this; the catalog asks without
 * depending upward.
 */
public interface DatasetAudience {

    /** The agencies with a grant in force on the dataset, within the caller's session. */
    Uni<List<String>> holders(String dataset);
}
