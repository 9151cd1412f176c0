package org.cityplatform.exchange.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/** Art. 31: identity authentication on every request; a token proves nothing unless we can verify it. */
@QuarkusTest
class AuthenticationTest {

    private static ValidatableResponse listAgenciesWith(String authorization) {
        var request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.get("/api/v1/agencies").then();
    }

    private static void assertUnauthenticated(ValidatableResponse response) {
        response.statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("UNAUTHENTICATED"))
                .body("status", equalTo(401))
                .body(not(containsString("Exception")));
    }

    @Test
    void aValidTokenIsAccepted() {
        listAgenciesWith("Bearer " + Tokens.center()).statusCode(200);
    }

    @Test
    void noTokenIsRefusedWith401() {
        assertUnauthenticated(listAgenciesWith(null));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = Tokens.claims("center-staff", null, "center")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .sign(Tokens.DEV_PRIVATE_KEY);
        assertUnauthenticated(listAgenciesWith("Bearer " + expired));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String[] parts = Tokens.agency("91310000MA1FL8XQ30").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"agency\"", "\"groups\":[\"center\"],\"x\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertUnauthenticated(listAgenciesWith("Bearer " + forged));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        String other = Jwt.issuer("https://someone-else.example").subject("x").groups("center")
                .expiresAt(Instant.now().plusSeconds(600)).sign(Tokens.DEV_PRIVATE_KEY);
        assertUnauthenticated(listAgenciesWith("Bearer " + other));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreign = Tokens.claims("center-staff", null, "center").sign(generator.generateKeyPair().getPrivate());
        assertUnauthenticated(listAgenciesWith("Bearer " + foreign));
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"" + Tokens.ISSUER + "\",\"sub\":\"x\",\"groups\":[\"center\"],"
                + "\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}").getBytes(StandardCharsets.UTF_8));
        assertUnauthenticated(listAgenciesWith("Bearer " + header + "." + payload + "."));
    }

    @Test
    void anHs256TokenKeyedWithThePublicKeyIsRefused() throws Exception {
        // The classic algorithm-confusion forgery: HMAC keyed with the verifier's public key.
        byte[] publicKey = Files.readAllBytes(Path.of("deploy/local/keys/dev-public.pem"));
        String forged = Tokens.claims("center-staff", null, "center").jws().algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(publicKey, "HmacSHA256"));
        assertUnauthenticated(listAgenciesWith("Bearer " + forged));
    }

    @Test
    void aMalformedAuthorizationHeaderIsRefused() {
        assertUnauthenticated(listAgenciesWith("Bearer not-a-jwt"));
        assertUnauthenticated(listAgenciesWith("Basic dXNlcjpwYXNz"));
    }

    @Test
    void anAgencyThatIsNotRegisteredGets403UnknownAgency() {
        given().auth().oauth2(Tokens.agency("91310000MA1FL8XQ30"))
                .get("/api/v1/agencies")
                .then().statusCode(403).body("code", equalTo("UNKNOWN_AGENCY"));
    }

    @Test
    void anAgencyTokenWithoutAnAgencyClaimGets403UnknownAgency() {
        String token = Tokens.claims("someone", null, "agency").sign(Tokens.DEV_PRIVATE_KEY);
        given().auth().oauth2(token).get("/api/v1/agencies")
                .then().statusCode(403).body("code", equalTo("UNKNOWN_AGENCY"));
    }

    @Test
    void aSuspendedAgencyGets403UnknownAgencyAndIsBackWhenReinstated() {
        String code = Platform.registerAgency("市公交集团");
        given().auth().oauth2(Tokens.agency(code)).get("/api/v1/agencies").then().statusCode(200);

        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("status", "SUSPENDED", "reason", "security incident under review (Art. 29)"))
                .put("/api/v1/agencies/" + code + "/status").then().statusCode(200).body("status", equalTo("SUSPENDED"));
        given().auth().oauth2(Tokens.agency(code)).get("/api/v1/agencies")
                .then().statusCode(403).body("code", equalTo("UNKNOWN_AGENCY"));

        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("status", "ACTIVE"))
                .put("/api/v1/agencies/" + code + "/status").then().statusCode(200);
        given().auth().oauth2(Tokens.agency(code)).get("/api/v1/agencies").then().statusCode(200);
    }

    @Test
    void aTokenWithNoKnownGroupGets403ForbiddenRole() {
        String token = Tokens.claims("visitor", null, "guest").sign(Tokens.DEV_PRIVATE_KEY);
        given().auth().oauth2(token).get("/api/v1/agencies")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN_ROLE"));
    }

    @Test
    void theCenterNeedsNoRegisteredAgency() {
        given().auth().oauth2(Tokens.center()).get("/api/v1/datasets").then().statusCode(200);
    }
}
