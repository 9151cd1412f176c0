package org.cityplatform.exchange.problem;

/**
 * The stable machine codes of the HTTP contract (docs/api.md, "Problem codes in one place"), each with
 * the status it is always answered with. Clients switch on these; never rename one.
 */
public enum ProblemCode {
    INVALID_REQUEST(400, "Invalid request"),
    INVALID_KEY(400, "Invalid subject key"),
    LEGAL_BASIS_REQUIRED(400, "Legal basis required"),
    UNKNOWN_FIELD(400, "Unknown field"),
    REASON_REQUIRED(400, "Reason required"),
    CONFIDENTIALITY_REQUIRED(400, "Confidentiality required"),
    MALFORMED_BODY(400, "Malformed body"),
    UNAUTHENTICATED(401, "Authentication required"),
    UNKNOWN_AGENCY(403, "Unknown or suspended agency"),
    FORBIDDEN_ROLE(403, "Role not allowed"),
    NOT_PROVIDER(403, "Not the provider"),
    NOT_ADDRESSEE(403, "Not the addressee"),
    NO_GRANT(403, "No grant"),
    SCOPE_NOT_GRANTED(403, "Scope not granted"),
    AGREEMENT_REQUIRED(403, "Agreement required"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    DUPLICATE(409, "Duplicate"),
    DUPLICATE_SOURCE(409, "Duplicate source"),
    INCOMPATIBLE_CHANGE(409, "Incompatible change"),
    SENSITIVE_IN_UNCONDITIONAL(409, "Sensitive data in an unconditional dataset"),
    DATASET_NOT_ACTIVE(409, "Dataset not active"),
    ELEMENT_NOT_DECLARED(409, "Element not declared"),
    NOT_NEEDED(409, "Application not needed"),
    INVALID_STATE(409, "Invalid state"),
    NOT_CORRECTED(409, "Record not corrected"),
    NOT_OPENABLE(409, "Not openable"),
    AGREEMENT_OUTDATED(409, "Agreement version not in force"),
    YEAR_NOT_ENDED(409, "Year not ended"),
    REQUEST_TIMEOUT(408, "Request timeout"),
    DATASET_RETIRED(410, "Dataset retired"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    BATCH_REJECTED(422, "Batch rejected"),
    RATE_LIMITED(429, "Rate limited"),
    HEADERS_TOO_LARGE(431, "Request header fields too large"),
    AUDIT_UNAVAILABLE(503, "Audit trail unavailable"),
    UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** A dereferenceable-looking but stable identifier, as RFC 9457 asks for in {@code type}. */
    public String type() {
        return "urn:cityplatform:exchange:problem:" + name().toLowerCase().replace('_', '-');
    }
}
