package org.cityplatform.exchange.problem;

/**
 * Raised anywhere a request must end in a problem with a stable code. Carries no stack trace:
 * it is an answer, not a fault, and filling stack traces on hot refusal paths costs time.
 */
public class ProblemException extends RuntimeException {

    private final ProblemCode code;

    public ProblemException(ProblemCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ProblemCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
