package org.cityplatform.exchange.opendata;

/**
 * A bucket of {@code capacity} tokens refilled evenly over one minute: a burst up to the capacity,
 * then the steady rate. Not thread-safe; {@link ClientLimits} guards it.
 */
final class TokenBucket {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int capacity;
    private final long nanosPerToken;
    private double tokens;
    private long refilledAt;

    TokenBucket(int capacity, long now) {
        this.capacity = Math.max(1, capacity);
        this.nanosPerToken = MINUTE_NANOS / this.capacity;
        this.tokens = this.capacity;
        this.refilledAt = now;
    }

    /** Takes a token: 0 when one was there, else the nanoseconds until the next one. */
    long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * nanosPerToken);
    }

    /** A full bucket tells nothing a new one would not: its address can be forgotten. */
    boolean full(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + (double) elapsed / nanosPerToken);
            refilledAt = now;
        }
    }
}
