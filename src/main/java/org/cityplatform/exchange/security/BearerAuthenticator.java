package org.cityplatform.exchange.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/**
 * Authenticates requests served by plain Vert.x routes (the streaming push and export, which
 * Quarkus REST cannot stream), with the same verifier and rules as every REST endpoint.
 */
@ApplicationScoped
public class BearerAuthenticator {

    private static final String PREFIX = "Bearer ";

    private final JWTParser parser;
    private final Callers callers;

    BearerAuthenticator(JWTParser parser, Callers callers) {
        this.parser = parser;
        this.callers = callers;
    }

    public Uni<Caller> authenticate(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Uni.createFrom().failure(unauthenticated());
        }
        try {
            return callers.of(parser.parse(header.substring(PREFIX.length()).strip()));
        } catch (ParseException | RuntimeException e) {
            return Uni.createFrom().failure(unauthenticated());
        }
    }

    /**
     * Who the request's token says is calling, whether or not that agency may call: for the audit
     * event of a refused request. Null without a verifiable token.
     */
    public Caller claimed(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        try {
            return Callers.fromToken(parser.parse(header.substring(PREFIX.length()).strip()));
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static ProblemException unauthenticated() {
        return new ProblemException(ProblemCode.UNAUTHENTICATED,
                "a valid bearer token (RS256 JWT from the platform's issuer) is required");
    }
}
