package org.cityplatform.exchange.audit;

/**
 * How the audited request ended. Refusals of access are {@code DENIED} with the refusal's code
 * (docs/api.md); requests the gateway could not take as asked are {@code INVALID}; its own failures
 * {@code FAILED}.
 */
public enum AuditOutcome {
    OK, DENIED, INVALID, FAILED;

    public static AuditOutcome ofStatus(int status) {
        if (status < 400) {
            return OK;
        }
        if (status == 401 || status == 403 || status == 429) {
            return DENIED;
        }
        return status < 500 ? INVALID : FAILED;
    }
}
