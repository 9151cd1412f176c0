package org.cityplatform.exchange.security;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token means one thing (docs/api.md, "Identity"; Art. 31): exactly one of the groups center, agency,
 * ops, and the agency claim only on an agency token. Its times are checked within a fixed clock
 * skew (mp.jwt.verify.clock.skew = 60 s) and its lifetime within smallrye.jwt.time-to-live (12 h).
 */
@QuarkusTest
class TokenMeaningTest {


    private String provider;
    private String dataset;
    private String key;

    @BeforeEach
    void aConditionalDatasetWithARecord() {
        provider = Platform.registerSignedAgency("市人社局");
        dataset = Platform.registerPersonDataset(provider, "CONDITIONAL");
        key = TestKeys.person(31_337);
        Platform.push(provider, dataset, Platform.person(key, "张三", "某路1号"));
    }

    private ValidatableResponse lookupWith(String token) {
        return as(token).get("/api/v1/datasets/" + dataset + "/records/" + key).then();
    }

    private ValidatableResponse exportWith(String token) {
        return as(token).accept("application/x-ndjson").get("/api/v1/datasets/" + dataset + "/export").then();
    }

    @Test
    void theProviderItselfStillReadsItsOwnData() {
        lookupWith(Tokens.agency(provider)).statusCode(200).body("data.address", equalTo("某路1号"));
    }

    @Test
    void claimsThatCannotBeStoredAreRefusedBeforeAnythingIsRead() {
        String nulInAgency = Tokens.claims("system", provider + "\u0000", "agency").sign(Tokens.DEV_PRIVATE_KEY);
        assertProblem(lookupWith(nulInAgency), 403, "UNKNOWN_AGENCY");
        assertProblem(as(nulInAgency).contentType("application/x-ndjson").body(Platform.person(key, "甲", "某路"))
                .post("/api/v1/datasets/" + dataset + "/records").then(), 403, "UNKNOWN_AGENCY");
        String nulInSubject = Tokens.claims("sys\u0000tem", provider, "agency").sign(Tokens.DEV_PRIVATE_KEY);
        assertProblem(lookupWith(nulInSubject), 401, "UNAUTHENTICATED");
        assertProblem(as(nulInSubject).contentType("application/x-ndjson").body(Platform.person(key, "甲", "某路"))
                .post("/api/v1/datasets/" + dataset + "/records").then(), 401, "UNAUTHENTICATED");
        String longSubject = Tokens.claims("s".repeat(300), provider, "agency").sign(Tokens.DEV_PRIVATE_KEY);
        assertProblem(lookupWith(longSubject), 401, "UNAUTHENTICATED");
        lookupWith(Tokens.agency(provider)).statusCode(200);
    }

    @Test
    void aCenterTokenCarryingAnAgencyClaimIsRefusedAndReadsNothing() {
        String token = Tokens.claims("center-staff", provider, "center").sign(Tokens.DEV_PRIVATE_KEY);
        assertProblem(lookupWith(token), 403, "FORBIDDEN_ROLE");
        assertProblem(exportWith(token), 403, "FORBIDDEN_ROLE");
        assertProblem(as(token).get("/api/v1/datasets/" + dataset + "/changes").then(), 403, "FORBIDDEN_ROLE");
        assertProblem(as(token).get("/api/v1/agencies").then(), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void anOpsTokenWithTheAgencyGroupIsRefusedAndReadsNothing() {
        String token = Tokens.claims("ops-staff", provider, "ops", "agency").sign(Tokens.DEV_PRIVATE_KEY);
        assertProblem(lookupWith(token), 403, "FORBIDDEN_ROLE");
        assertProblem(exportWith(token), 403, "FORBIDDEN_ROLE");
        assertProblem(as(token).get("/api/v1/subjects/" + key).then(), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void aTokenInTheCenterAndAgencyGroupsIsRefused() {
        String token = Tokens.claims("someone", provider, "center", "agency").sign(Tokens.DEV_PRIVATE_KEY);
        assertProblem(lookupWith(token), 403, "FORBIDDEN_ROLE");
        assertProblem(as(token).get("/api/v1/agencies").then(), 403, "FORBIDDEN_ROLE");
        String noClaim = Tokens.claims("someone", null, "center", "ops").sign(Tokens.DEV_PRIVATE_KEY);
        assertProblem(as(noClaim).get("/api/v1/agencies").then(), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void anOpsTokenCarryingAnAgencyClaimIsRefused() {
        String token = Tokens.claims("ops-staff", provider, "ops").sign(Tokens.DEV_PRIVATE_KEY);
        assertProblem(as(token).get("/api/v1/agencies").then(), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void anUnknownGroupBesideOneRoleChangesNothing() {
        String token = Tokens.claims("system", provider, "agency", "staff").sign(Tokens.DEV_PRIVATE_KEY);
        lookupWith(token).statusCode(200);
    }

    @Test
    void aCallerIsBuiltWithOneMeaningOnly() {
        assertThrows(IllegalArgumentException.class, () -> new Caller("c", provider, Role.CENTER));
        assertThrows(IllegalArgumentException.class, () -> new Caller("o", provider, Role.OPS));
        assertThrows(IllegalArgumentException.class, () -> new Caller("a", null, Role.AGENCY));
    }

    @Test
    void aTokenIssuedBeyondTheClockSkewInTheFutureIsRefused() {
        Instant ahead = Instant.now().plusSeconds(600);
        String token = Tokens.claims("system", provider, "agency").issuedAt(ahead).expiresAt(ahead.plusSeconds(600))
                .sign(Tokens.DEV_PRIVATE_KEY);
        assertProblem(lookupWith(token), 401, "UNAUTHENTICATED");
        assertProblem(as(token).get("/api/v1/agencies").then(), 401, "UNAUTHENTICATED");
    }

    @Test
    void aTokenIssuedWithinTheClockSkewInTheFutureIsAccepted() {
        Instant ahead = Instant.now().plusSeconds(20);
        String token = Tokens.claims("system", provider, "agency").issuedAt(ahead).expiresAt(ahead.plusSeconds(600))
                .sign(Tokens.DEV_PRIVATE_KEY);
        lookupWith(token).statusCode(200);
    }

    @Test
    void aTokenLivingLongerThanTwelveHoursIsRefused() {
        Instant now = Instant.now();
        String token = Tokens.claims("system", provider, "agency").issuedAt(now).expiresAt(now.plusSeconds(12 * 3600 + 1))
                .sign(Tokens.DEV_PRIVATE_KEY);
        assertProblem(lookupWith(token), 401, "UNAUTHENTICATED");
        assertProblem(as(token).get("/api/v1/agencies").then(), 401, "UNAUTHENTICATED");
        String twelveHours = Tokens.claims("system", provider, "agency").issuedAt(now).expiresAt(now.plusSeconds(12 * 3600))
                .sign(Tokens.DEV_PRIVATE_KEY);
        lookupWith(twelveHours).statusCode(200);
    }

    @Test
    void aTokenWithoutIatIsRefused() throws Exception {
        // SmallRye's builder always adds iat: sign the claims by hand to leave it out.
        var claims = new org.jose4j.jwt.JwtClaims();
        claims.setIssuer(Tokens.ISSUER);
        claims.setSubject("system");
        claims.setStringListClaim("groups", "agency");
        claims.setClaim("agency", provider);
        claims.setExpirationTimeMinutesInTheFuture(10);
        var jws = new org.jose4j.jws.JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(org.jose4j.jws.AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(io.smallrye.jwt.util.KeyUtils.decodePrivateKey(
                java.nio.file.Files.readString(java.nio.file.Path.of(Tokens.DEV_PRIVATE_KEY))));
        assertProblem(lookupWith(jws.getCompactSerialization()), 401, "UNAUTHENTICATED");
    }

    @Test
    void aTokenJustPastItsExpiryWithinTheSkewIsStillAccepted() {
        Instant now = Instant.now();
        String token = Tokens.claims("system", provider, "agency").issuedAt(now.minusSeconds(600))
                .expiresAt(now.minusSeconds(20)).sign(Tokens.DEV_PRIVATE_KEY);
        lookupWith(token).statusCode(200);
        as(token).get("/api/v1/agencies").then().statusCode(200);
    }

    @Test
    void aTokenExpiredBeyondTheSkewIsRefused() {
        Instant now = Instant.now();
        String token = Tokens.claims("system", provider, "agency").issuedAt(now.minusSeconds(900))
                .expiresAt(now.minusSeconds(120)).sign(Tokens.DEV_PRIVATE_KEY);
        assertProblem(lookupWith(token), 401, "UNAUTHENTICATED");
    }
}
