package org.cityplatform.exchange.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a token issued later than now plus the allowed clock skew. SmallRye JWT checks that
 * {@code exp} has not passed and that {@code exp - iat} stays within {@code smallrye.jwt.time-to-live},
 * but not that {@code iat} lies in the past: a token dated ahead would carry a lifetime that looks
 * short while it is valid for far longer than the issuer meant. Runs inside {@link VerifiedTokens}
 * (a higher priority is applied later), so a token is checked once, when it is first verified;
 * the check only gets easier with time, so a remembered token stays right.
 */
@Decorator
@Priority(20)
public abstract class IssuedAtCheck implements JWTParser {

    @Inject
    @Delegate
    JWTParser parser;

    /** The same skew the library allows on {@code exp}. */
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    int clockSkewSeconds;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken verified = parser.parse(token);
        long now = System.currentTimeMillis() / 1000;
        if (verified.getIssuedAtTime() > now + clockSkewSeconds) {
            throw new ParseException("the token's iat lies beyond the allowed clock skew in the future");
        }
        return verified;
    }
}
