package org.cityplatform.exchange.records;

import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/** partial: valid items are stored, invalid ones reported; atomic: all items or none. */
enum PushMode {
    PARTIAL, ATOMIC;

    static PushMode of(String parameter) {
        if (parameter == null || parameter.isBlank() || parameter.equalsIgnoreCase("partial")) {
            return PARTIAL;
        }
        if (parameter.equalsIgnoreCase("atomic")) {
            return ATOMIC;
        }
        throw new ProblemException(ProblemCode.INVALID_REQUEST, "mode: must be 'partial' or 'atomic', got '" + parameter + "'");
    }
}
