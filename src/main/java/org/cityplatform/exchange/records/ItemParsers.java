package org.cityplatform.exchange.records;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.cityplatform.exchange.catalog.CatalogEntry;

/** One item parser per catalog entry version: built once, shared by every push of that dataset. */
@ApplicationScoped
public class ItemParsers {

    private record Built(long version, ItemParser parser) {
    }

    private final ConcurrentMap<String, Built> parsers = new ConcurrentHashMap<>();

    public ItemParser forDataset(CatalogEntry dataset) {
        Built built = parsers.get(dataset.code());
        if (built == null || built.version() != dataset.version()) {
            built = new Built(dataset.version(), new ItemParser(dataset.subjectType(), dataset.fields()));
            parsers.put(dataset.code(), built);
        }
        return built.parser();
    }
}
