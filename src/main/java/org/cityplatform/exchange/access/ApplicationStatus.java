package org.cityplatform.exchange.access;

/** The life of an application for data (docs/api.md, "Access"). */
public enum ApplicationStatus {
    SUBMITTED,
    /** Referred to the provider of CONDITIONAL data (Art. 18). */
    CONSULTING,
    APPROVED,
    REFUSED,
    /** The applicant withdrew it before a decision. */
    WITHDRAWN
}
