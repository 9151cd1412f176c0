package org.cityplatform.exchange.identity;

/**
 * A subject key that Art. 16 of the city's data sharing policy does not allow to be stored.
 *
 * <p>The message states exactly which rule failed (length, character and position, expected versus actual check
 * character, date), because callers pass it back to data providers who must be able to fix the record without
 * guessing. It may contain the offending key; whether to log it is the caller's decision.
 */
public final class InvalidKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidKeyException(String message) {
        super(message);
    }
}
