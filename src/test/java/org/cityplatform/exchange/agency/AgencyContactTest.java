package org.cityplatform.exchange.agency;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Art. 28: each agency names the person responsible for its data sharing. The agency or the center
 * records it; the center and the agency itself see it, other agencies do not.
 */
@QuarkusTest
class AgencyContactTest {

    private static Map<String, Object> contact(String name, String phone, String email) {
        return Map.of("contact", Map.of("name", name, "phone", phone, "email", email));
    }

    @Test
    void art28_anAgencyNamesItsResponsiblePersonAndTheCenterAndTheAgencySeeIt() {
        String agency = Platform.registerAgency("市人社局");
        asAgency(agency).contentType(ContentType.JSON).body(contact(" 李明 ", "021-6321 0000", "liming@rsj.example.gov.cn"))
                .patch("/api/v1/agencies/" + agency).then().statusCode(200)
                .body("contact.name", equalTo("李明"))
                .body("contact.phone", equalTo("021-6321 0000"))
                .body("contact.email", equalTo("liming@rsj.example.gov.cn"));

        as(Tokens.center()).get("/api/v1/agencies/" + agency).then().statusCode(200)
                .body("contact.name", equalTo("李明"));
        asAgency(agency).get("/api/v1/agencies/" + agency).then().statusCode(200)
                .body("contact.email", equalTo("liming@rsj.example.gov.cn"));
        as(Tokens.center()).get("/api/v1/agencies").then().statusCode(200)
                .body("agencies.find { it.code == '" + agency + "' }.contact.phone", equalTo("021-6321 0000"));

        // The center may record it for the agency; the newer contact replaces the old.
        as(Tokens.center()).contentType(ContentType.JSON).body(contact("张伟", "+8613800000000", "zhangwei@rsj.example.gov.cn"))
                .patch("/api/v1/agencies/" + agency).then().statusCode(200).body("contact.name", equalTo("张伟"));
        asAgency(agency).get("/api/v1/agencies/" + agency).then().body("contact.phone", equalTo("+8613800000000"));
    }

    @Test
    void art28_otherAgenciesNeitherSeeNorChangeAnAgencysContact() {
        String agency = Platform.registerAgency("市卫健委");
        String other = Platform.registerAgency("市交通委");
        asAgency(agency).contentType(ContentType.JSON).body(contact("陈静", "021-1234 5678", "chenjing@wjw.example.gov.cn"))
                .patch("/api/v1/agencies/" + agency).then().statusCode(200);

        asAgency(other).get("/api/v1/agencies/" + agency).then().statusCode(200)
                .body("name", equalTo("市卫健委")).body("contact", nullValue());
        asAgency(other).get("/api/v1/agencies").then().statusCode(200)
                .body("agencies.find { it.code == '" + agency + "' }.contact", nullValue());
        as(Tokens.ops()).get("/api/v1/agencies/" + agency).then().statusCode(200).body("contact", nullValue());

        assertProblem(asAgency(other).contentType(ContentType.JSON).body(contact("冒名", "110", "x@y.example.cn"))
                .patch("/api/v1/agencies/" + agency).then(), 403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.ops()).contentType(ContentType.JSON).body(contact("冒名", "110", "x@y.example.cn"))
                .patch("/api/v1/agencies/" + agency).then(), 403, "FORBIDDEN_ROLE");
        as(Tokens.center()).get("/api/v1/agencies/" + agency).then().body("contact.name", equalTo("陈静"));
    }

    @Test
    void art28_aContactHasANamePlausiblePhoneAndEmailAddress() {
        String agency = Platform.registerAgency("市水务局");
        assertProblem(asAgency(agency).contentType(ContentType.JSON).body(contact("赵", "call me", "zhao@swj.example.cn"))
                .patch("/api/v1/agencies/" + agency).then(), 400, "INVALID_REQUEST").body("detail", containsString("phone"));
        assertProblem(asAgency(agency).contentType(ContentType.JSON).body(contact("赵", "021-1234", "zhao.swj.example.cn"))
                .patch("/api/v1/agencies/" + agency).then(), 400, "INVALID_REQUEST").body("detail", containsString("email"));
        assertProblem(asAgency(agency).contentType(ContentType.JSON).body(contact(" ", "021-1234", "zhao@swj.example.cn"))
                .patch("/api/v1/agencies/" + agency).then(), 400, "INVALID_REQUEST").body("detail", containsString("name"));
        assertProblem(asAgency(agency).contentType(ContentType.JSON)
                        .body(contact("赵".repeat(101), "021-1234", "zhao@swj.example.cn"))
                .patch("/api/v1/agencies/" + agency).then(), 400, "INVALID_REQUEST");
        assertProblem(asAgency(agency).contentType(ContentType.JSON).body(Map.of())
                .patch("/api/v1/agencies/" + agency).then(), 400, "INVALID_REQUEST").body("detail", containsString("contact"));
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(contact("赵", "021-1234", "zhao@swj.example.cn"))
                .patch("/api/v1/agencies/" + TestCodes.creditCode()).then(), 404, "NOT_FOUND");
        asAgency(agency).get("/api/v1/agencies/" + agency).then().body("contact", nullValue());
    }

    @Test
    void art28_namingTheContactIsAnAuditEvent() {
        String agency = Platform.registerAgency("市规划局");
        asAgency(agency).contentType(ContentType.JSON).body(contact("孙丽", "021-8888 0000", "sunli@ghj.example.gov.cn"))
                .patch("/api/v1/agencies/" + agency).then().statusCode(200);
        as(Tokens.center()).queryParam("action", "AGENCY").queryParam("agency", agency)
                .get("/api/v1/audit").then().statusCode(200).body("events.outcome", hasItem("OK"));
    }
}
