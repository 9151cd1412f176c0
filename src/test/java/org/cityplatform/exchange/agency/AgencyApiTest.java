package org.cityplatform.exchange.agency;

import static io.restassured.RestAssured.given;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/** docs/api.md, "Agencies": the center registers agencies; each signs the platform agreement itself (Art. 32). */
@QuarkusTest
class AgencyApiTest {

    @Test
    void theCenterRegistersAnAgencyByItsUnifiedSocialCreditCode() {
        String code = TestCodes.creditCode();
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("code", code.toLowerCase(), "name", "市自来水公司", "kind", "PUBLIC_ENTERPRISE"))
                .post("/api/v1/agencies")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/agencies/" + code))
                .body("code", equalTo(code))
                .body("name", equalTo("市自来水公司"))
                .body("kind", equalTo("PUBLIC_ENTERPRISE"))
                .body("status", equalTo("ACTIVE"))
                .body("registeredAt", notNullValue())
                .body("agreement", nullValue());

        given().auth().oauth2(Tokens.center()).get("/api/v1/agencies/" + code)
                .then().statusCode(200).body("name", equalTo("市自来水公司"));
        given().auth().oauth2(Tokens.center()).get("/api/v1/agencies")
                .then().statusCode(200).body("agencies.code", hasItem(code));
    }

    @Test
    void anAgencyCodeWithAWrongCheckCharacterIsRefusedAsInvalidKey() {
        String code = TestCodes.creditCode();
        String wrong = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("code", wrong, "name", "x", "kind", "ADMINISTRATIVE"))
                .post("/api/v1/agencies").then(), 400, "INVALID_KEY");
    }

    @Test
    void registeringTheSameAgencyTwiceIsADuplicate() {
        String code = Platform.registerAgency("市税务局");
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "市税务局", "kind", "ADMINISTRATIVE"))
                .post("/api/v1/agencies").then(), 409, "DUPLICATE");
    }

    @Test
    void onlyTheCenterRegistersAgencies() {
        String agency = Platform.registerAgency("市公安局");
        assertProblem(given().auth().oauth2(Tokens.agency(agency)).contentType(ContentType.JSON)
                .body(Map.of("code", TestCodes.creditCode(), "name", "x", "kind", "ADMINISTRATIVE"))
                .post("/api/v1/agencies").then(), 403, "FORBIDDEN_ROLE");
        assertProblem(given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON)
                .body(Map.of("code", TestCodes.creditCode(), "name", "x", "kind", "ADMINISTRATIVE"))
                .post("/api/v1/agencies").then(), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void missingFieldsAndUnknownKindsAreInvalidRequests() {
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("code", TestCodes.creditCode(), "kind", "ADMINISTRATIVE"))
                .post("/api/v1/agencies").then(), 400, "INVALID_REQUEST")
                .body("detail", equalTo("name: must not be blank"));
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("code", TestCodes.creditCode(), "name", "x", "kind", "MINISTRY"))
                .post("/api/v1/agencies").then(), 400, "INVALID_REQUEST")
                .body("detail", equalTo("field 'kind': 'MINISTRY' is not one of ADMINISTRATIVE, PUBLIC_ENTERPRISE"));
    }

    @Test
    void anAgencySignsItsOwnAgreementAndTheSignatureIsShown() {
        String code = Platform.registerAgency("市人力资源和社会保障局");
        given().auth().oauth2(Tokens.agency(code)).contentType(ContentType.JSON)
                .body(Map.of("signedBy", "张伟, 局长", "version", "2016-1"))
                .post("/api/v1/agencies/" + code + "/agreement")
                .then().statusCode(200)
                .body("agreement.signedBy", equalTo("张伟, 局长"))
                .body("agreement.version", equalTo("2016-1"))
                .body("agreement.signedAt", notNullValue());
        given().auth().oauth2(Tokens.center()).get("/api/v1/agencies/" + code)
                .then().body("agreement.version", equalTo("2016-1"));
    }

    @Test
    void noOneSignsTheAgreementForAnotherAgency_Art32() {
        String code = Platform.registerAgency("市燃气集团");
        String other = Platform.registerAgency("市电力公司");
        assertProblem(given().auth().oauth2(Tokens.agency(other)).contentType(ContentType.JSON)
                .body(Map.of("signedBy", "someone", "version", "2016-1"))
                .post("/api/v1/agencies/" + code + "/agreement").then(), 403, "FORBIDDEN_ROLE");
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("signedBy", "someone", "version", "2016-1"))
                .post("/api/v1/agencies/" + code + "/agreement").then(), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void anUnknownAgencyIsNotFound() {
        assertProblem(given().auth().oauth2(Tokens.center()).get("/api/v1/agencies/" + TestCodes.creditCode()).then(),
                404, "NOT_FOUND");
        assertProblem(given().auth().oauth2(Tokens.center()).get("/api/v1/agencies/not-a-code").then(),
                404, "NOT_FOUND");
    }

    @Test
    void listsFilterByStatusAndRefuseUnknownFilterValues() {
        given().auth().oauth2(Tokens.center()).queryParam("status", "ACTIVE").get("/api/v1/agencies")
                .then().statusCode(200);
        assertProblem(given().auth().oauth2(Tokens.center()).queryParam("status", "DORMANT").get("/api/v1/agencies")
                .then(), 400, "INVALID_REQUEST");
    }
}
