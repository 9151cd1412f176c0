package org.cityplatform.exchange.access;

import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * Why data is read: for the consumer's own duties (Art. 21), or for development work, which needs
 * the center's prior approval even for unconditional data (Art. 4(3)).
 */
public enum DataUse {
    DUTY,
    DEVELOPMENT;

    /** Reads declare their use in this header; without it a read is for the caller's duties. */
    public static final String HEADER = "X-Data-Use";

    public static DataUse ofHeader(String value) {
        if (value == null || value.isBlank()) {
            return DUTY;
        }
        try {
            return valueOf(value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST,
                    HEADER + ": must be DUTY or DEVELOPMENT, got '" + value + "'");
        }
    }
}
