package org.cityplatform.exchange.identity;

/**
 * Subject type of a dataset as declared in the catalog (Art. 16 of the city's data sharing policy); it decides
 * which standard a subject key is checked against.
 */
public enum SubjectType {
    /** A natural person, keyed by resident identity number (GB 11643-1999). */
    PERSON,
    /** A legal entity, keyed by GB 32100-2015 credit code, GB 11714-1997 organization code or registration number. */
    ENTITY,
    /** A physical object, keyed by WGS-84 coordinates or a city-wide object code. */
    OBJECT
}
