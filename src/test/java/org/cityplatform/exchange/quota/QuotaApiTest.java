package org.cityplatform.exchange.quota;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/** docs/api.md, "Quotas": the center sets each agency's request rate and concurrent exports. */
@QuarkusTest
class QuotaApiTest {

    private static String quotaPath(String agency) {
        return "/api/v1/agencies/" + agency + "/quota";
    }

    @Test
    void theCenterSetsAnAgencysQuotaAndTheAgencyReadsIt() {
        String agency = Platform.registerAgency("市医保局");
        as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("requestsPerSecond", 50, "concurrentExports", 2))
                .put(quotaPath(agency))
                .then().statusCode(200)
                .body("agency", equalTo(agency))
                .body("requestsPerSecond", equalTo(50))
                .body("concurrentExports", equalTo(2))
                .body("updatedAt", notNullValue())
                .body("updatedBy", equalTo("center-staff"));
        asAgency(agency).get(quotaPath(agency))
                .then().statusCode(200).body("requestsPerSecond", equalTo(50)).body("concurrentExports", equalTo(2));
        // Setting it again replaces it.
        as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("requestsPerSecond", 7, "concurrentExports", 1))
                .put(quotaPath(agency.toLowerCase())).then().statusCode(200);
        as(Tokens.center()).get(quotaPath(agency)).then().statusCode(200).body("requestsPerSecond", equalTo(7));
    }

    @Test
    void anAgencyWithoutAQuotaOfItsOwnHasThePlatformDefaults() {
        String agency = Platform.registerAgency("市档案馆");
        asAgency(agency).get(quotaPath(agency)).then().statusCode(200)
                .body("requestsPerSecond", equalTo(2000))
                .body("concurrentExports", equalTo(4))
                .body("updatedAt", nullValue());
    }

    @Test
    void onlyTheCenterSetsQuotas() {
        String agency = Platform.registerAgency("市水务局");
        Map<String, Integer> body = Map.of("requestsPerSecond", 100000, "concurrentExports", 100);
        assertProblem(asAgency(agency).contentType(ContentType.JSON).body(body).put(quotaPath(agency)).then(),
                403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.ops()).contentType(ContentType.JSON).body(body).put(quotaPath(agency)).then(),
                403, "FORBIDDEN_ROLE");
    }

    @Test
    void onlyTheCenterAndTheAgencyItselfReadItsQuota() {
        String agency = Platform.registerAgency("市交通委");
        String other = Platform.registerAgency("市农业农村委");
        assertProblem(asAgency(other).get(quotaPath(agency)).then(), 403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.ops()).get(quotaPath(agency)).then(), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void aQuotaBelowOneOrWithAMissingFieldIsAnInvalidRequest() {
        String agency = Platform.registerAgency("市民政局");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("requestsPerSecond", 0, "concurrentExports", 1)).put(quotaPath(agency)).then(),
                400, "INVALID_REQUEST").body("detail", equalTo("requestsPerSecond: must be greater than or equal to 1"));
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("requestsPerSecond", 10)).put(quotaPath(agency)).then(),
                400, "INVALID_REQUEST").body("detail", equalTo("concurrentExports: must not be null"));
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON)
                .body("{\"requestsPerSecond\":\"many\",\"concurrentExports\":1}").put(quotaPath(agency)).then(),
                400, "INVALID_REQUEST");
    }

    @Test
    void aQuotaIsAWholeJsonNumberNeverAFractionOrAStringAndIsBounded() {
        String agency = Platform.registerAgency("市体育局");
        for (String body : new String[] {
                "{\"requestsPerSecond\":1.5,\"concurrentExports\":1}",
                "{\"requestsPerSecond\":\"10\",\"concurrentExports\":1}",
                "{\"requestsPerSecond\":10,\"concurrentExports\":2.0}",
                "{\"requestsPerSecond\":10,\"concurrentExports\":\"2\"}",
                "{\"requestsPerSecond\":1e3,\"concurrentExports\":1}",
                "{\"requestsPerSecond\":true,\"concurrentExports\":1}",
                "{\"requestsPerSecond\":[10],\"concurrentExports\":1}",
                "{\"requestsPerSecond\":99999999999,\"concurrentExports\":1}",
                "{\"requestsPerSecond\":1000001,\"concurrentExports\":1}",
                "{\"requestsPerSecond\":-5,\"concurrentExports\":1}"}) {
            assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(body).put(quotaPath(agency)).then(),
                    400, "INVALID_REQUEST").body("detail", org.hamcrest.Matchers.anyOf(
                            org.hamcrest.Matchers.containsString("requestsPerSecond"),
                            org.hamcrest.Matchers.containsString("concurrentExports")));
        }
        as(Tokens.center()).get(quotaPath(agency)).then().statusCode(200).body("updatedAt", nullValue());
        as(Tokens.center()).contentType(ContentType.JSON).body("{\"requestsPerSecond\":1000000,\"concurrentExports\":1}")
                .put(quotaPath(agency)).then().statusCode(200).body("requestsPerSecond", equalTo(1_000_000));
    }

    @Test
    void anUnknownAgencyHasNoQuota() {
        Map<String, Integer> body = Map.of("requestsPerSecond", 10, "concurrentExports", 1);
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(body)
                .put(quotaPath(TestCodes.creditCode())).then(), 404, "NOT_FOUND");
        assertProblem(as(Tokens.center()).get(quotaPath(TestCodes.creditCode())).then(), 404, "NOT_FOUND");
        assertProblem(as(Tokens.center()).get(quotaPath("not-a-code")).then(), 404, "NOT_FOUND");
    }
}
