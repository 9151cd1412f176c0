package org.cityplatform.exchange.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one provider of a city-wide data element (Art. 4(1), 12): whoever declared it first. */
@Entity
@Table(name = "element_sources")
public class ElementSource {

    @Id
    public String element;

    public String provider;

    public String dataset;

    public String field;
}
