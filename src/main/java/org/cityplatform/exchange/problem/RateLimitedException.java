package org.cityplatform.exchange.problem;

/**
 * 429 RATE_LIMITED with the seconds a client should wait (the {@code Retry-After} header, RFC 9110
 * 10.2.3): raised inside a request's work like any other problem, so the refusal is audited the
 * same way, and answered with the header by the REST mappers and the Vert.x routes alike.
 */
public class RateLimitedException extends ProblemException {

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds, String detail) {
        super(ProblemCode.RATE_LIMITED, detail + "; retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
