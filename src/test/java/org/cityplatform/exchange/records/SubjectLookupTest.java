package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/** docs/api.md, "One subject across datasets": confirm electronically instead of asking again (Art. 22). */
@QuarkusTest
class SubjectLookupTest {

    @Test
    void aSubjectIsReadAcrossEveryReadableDatasetEachProjectedByItsGrant() {
        String key = TestKeys.person(4242);
        String police = Platform.registerSignedAgency("市公安局户籍");
        String health = Platform.registerSignedAgency("市卫健委档案");
        String consumer = Platform.registerSignedAgency("市残联");
        String open = Platform.registerPersonDataset(police, "UNCONDITIONAL");
        String conditional = Platform.registerPersonDataset(health, "CONDITIONAL");
        String special = Platform.registerPersonDataset(police, "SPECIAL");
        Platform.push(police, open, Platform.person(key, "户籍名", "户籍地址"));
        Platform.push(health, conditional, Platform.person(key, "病历名", "病历地址"));
        Platform.push(police, special, Platform.person(key, "特殊名", "特殊地址"));
        as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("consumer", consumer, "dataset", conditional, "fields", List.of("name"), "purpose", "残疾认定",
                        "use", "DUTY", "validUntil", LocalDate.now().plusDays(10).toString()))
                .post("/api/v1/grants").then().statusCode(201);

        var body = asAgency(consumer).get("/api/v1/subjects/" + key.toLowerCase()).then().statusCode(200)
                .body("key", equalTo(key)).extract().jsonPath();
        List<String> datasets = body.getList("records.dataset");
        org.junit.jupiter.api.Assertions.assertTrue(datasets.contains(open) && datasets.contains(conditional), datasets.toString());
        org.junit.jupiter.api.Assertions.assertFalse(datasets.contains(special), datasets.toString());
        int c = datasets.indexOf(conditional);
        org.junit.jupiter.api.Assertions.assertEquals("病历名", body.getString("records[" + c + "].data.name"));
        org.junit.jupiter.api.Assertions.assertNull(body.get("records[" + c + "].data.address"));
        int o = datasets.indexOf(open);
        org.junit.jupiter.api.Assertions.assertEquals("户籍地址", body.getString("records[" + o + "].data.address"));
    }

    @Test
    void callersThatMayReadNothingAreRefused() {
        String unsigned = Platform.registerAgency("市档案馆");
        assertProblem(asAgency(unsigned).get("/api/v1/subjects/" + TestKeys.person(1)).then(), 403, "AGREEMENT_REQUIRED");
        assertProblem(as(Tokens.ops()).get("/api/v1/subjects/" + TestKeys.person(1)).then(), 403, "FORBIDDEN_ROLE");
        String reader = Platform.registerSignedAgency("市法援中心");
        asAgency(reader).get("/api/v1/subjects/" + TestKeys.person(987_654)).then().statusCode(200)
                .body("records.size()", equalTo(0));
        asAgency(reader).get("/api/v1/subjects/" + TestKeys.person(1)).then().statusCode(200)
                .body("records.find { it.data == null }", nullValue());
    }
}
