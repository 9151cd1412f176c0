package org.cityplatform.exchange.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers tokens already verified, until they expire. An agency system sends the same token on
 * every request of a sync run; checking its RS256 signature and re-reading its claims each time
 * was the largest single cost of a cached lookup. The same bytes verify the same way as long as the
 * key and issuer are the configured ones, which do not change while the gateway runs; a token is
 * never served past its expiry. Tokens that fail verification are not remembered.
 */
@Decorator
@Priority(10)
public abstract class VerifiedTokens implements JWTParser {

    static final int MAX_TOKENS = 20_000;

    private final ConcurrentMap<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    @Inject
    @Delegate
    JWTParser parser;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.get(token);
        long now = System.currentTimeMillis() / 1000;
        if (known != null) {
            if (known.getExpirationTime() > now) {
                return known;
            }
            verified.remove(token);
        }
        JsonWebToken fresh = parser.parse(token);
        if (verified.size() >= MAX_TOKENS) {
            verified.clear(); // a burst of distinct tokens: start over rather than grow
        }
        verified.put(token, fresh);
        return fresh;
    }
}
