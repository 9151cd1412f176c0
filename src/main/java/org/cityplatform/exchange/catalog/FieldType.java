package org.cityplatform.exchange.catalog;

/** The value types a dataset field may declare; pushes are checked against them. */
public enum FieldType {
    STRING, INTEGER, NUMBER, BOOLEAN, DATE, TIMESTAMP
}
