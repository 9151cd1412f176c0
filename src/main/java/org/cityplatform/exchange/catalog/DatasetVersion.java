package org.cityplatform.exchange.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One schema version of a dataset: who made it, when, what it changed, and the fields as of then. */
@Entity
@Table(name = "dataset_versions")
@IdClass(DatasetVersion.Key.class)
public class DatasetVersion {

    @Id
    public String dataset;

    @Id
    public int version;

    public OffsetDateTime at;

    public String by;

    @Column(columnDefinition = "text[]")
    public String[] changes;

    @JdbcTypeCode(SqlTypes.JSON)
    public DatasetSchema schema;

    /** The version a dataset is at now, made by {@code by}. */
    static DatasetVersion of(Dataset d, String by, List<String> changes, OffsetDateTime at) {
        DatasetVersion v = new DatasetVersion();
        v.dataset = d.code;
        v.version = d.schemaVersion;
        v.at = at;
        v.by = by;
        v.changes = changes.toArray(new String[0]);
        v.schema = d.schema;
        return v;
    }

    /** The composite key (dataset, version). */
    public static class Key implements Serializable {
        public String dataset;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.dataset, dataset);
        }

        @Override
        public int hashCode() {
            return Objects.hash(dataset, version);
        }
    }
}
