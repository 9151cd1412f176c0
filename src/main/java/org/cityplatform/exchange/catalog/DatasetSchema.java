package org.cityplatform.exchange.catalog;

import java.util.List;

/**
 * The field definitions of a dataset as stored. Wrapped in an object because Hibernate Reactive
 * reads a jsonb column through a JSON object, not an array.
 */
public record DatasetSchema(List<FieldDefinition> fields) {
}
