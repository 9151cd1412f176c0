package org.cityplatform.exchange.catalog;

import static io.restassured.RestAssured.given;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.LegacyCatalog;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/** docs/api.md, "Catalog": one city-wide catalog of every shared dataset (Art. 3, 8, 9, 13, 33). */
@QuarkusTest
class CatalogApiTest {

    @Inject
    SensitiveUnconditionalDatasets breaking;

    private static Map<String, Object> dataset(String code, String provider, String sharingClass) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", "企业登记信息");
        body.put("provider", provider);
        body.put("subjectType", "ENTITY");
        body.put("updateCycle", "REALTIME");
        if (sharingClass != null) {
            body.put("sharingClass", sharingClass);
        }
        body.put("fields", List.of(
                Map.of("name", "legalName", "type", "STRING", "required", true, "description", "企业名称"),
                Map.of("name", "registeredCapital", "type", "NUMBER", "description", "注册资本（万元）"),
                Map.of("name", "founded", "type", "DATE", "description", "成立日期"),
                // Art. 8: sensitive data is never UNCONDITIONAL.
                Map.of("name", "legalRepresentativeId", "type", "STRING", "sensitive", !"UNCONDITIONAL".equals(sharingClass),
                        "description", "法定代表人身份证号")));
        return body;
    }

    @Test
    void theCenterRegistersAnActiveDatasetWithItsFieldDefinitions() {
        String provider = Platform.registerAgency("市市场监督管理局");
        String code = TestCodes.datasetCode("enterprises");
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(dataset(code, provider, "CONDITIONAL"))
                .post("/api/v1/datasets")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/datasets/" + code))
                .body("status", equalTo("ACTIVE"))
                .body("sharingClass", equalTo("CONDITIONAL"))
                .body("updateCycle", equalTo("REALTIME"))
                .body("subjectType", equalTo("ENTITY"))
                .body("fields[0].name", equalTo("legalName"))
                .body("fields[0].required", equalTo(true))
                .body("fields[0].sensitive", equalTo(false))
                .body("fields[1].type", equalTo("NUMBER"))
                .body("fields[3].sensitive", equalTo(true))
                .body("fields[3].description", equalTo("法定代表人身份证号"));

        given().auth().oauth2(Tokens.center()).get("/api/v1/datasets/" + code)
                .then().statusCode(200).body("name", equalTo("企业登记信息")).body("fields.size()", equalTo(4));
    }

    @Test
    void art8_anUnconditionalDatasetWithASensitiveFieldIs409() {
        String provider = Platform.registerAgency("市市场监督管理局");
        Map<String, Object> body = dataset(TestCodes.datasetCode("enterprises"), provider, "UNCONDITIONAL");
        body.put("fields", List.of(Map.of("name", "legalName", "type", "STRING"),
                Map.of("name", "legalRepPhone", "type", "STRING", "sensitive", true)));
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/datasets").then(), 409, "SENSITIVE_IN_UNCONDITIONAL")
                .body("detail", containsString("legalRepPhone"));
    }

    @Test
    void art8_datasetsStoredBeforeTheRuleAreListedForTheCenterNotChanged() throws Throwable {
        String provider = Platform.registerSignedAgency("市市场监督管理局");
        String legacy = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        LegacyCatalog.markSensitive(legacy, "address");

        for (int i = 0; i < 2; i++) {
            assertTrue(VertxContextSupport.subscribeAndAwait(() -> breaking.notifyCenter()).contains(legacy));
        }
        List<String> told = given().auth().oauth2(Tokens.center()).queryParam("limit", 1000).get("/api/v1/notifications")
                .then().statusCode(200).extract().path("notifications.findAll { it.kind == 'CATALOG_RULE' }.subject");
        assertEquals(1, told.stream().filter(("dataset " + legacy)::equals).count(), "told once: " + told);
        given().get("/q/health/ready").then().body("checks.find { it.name == 'catalog-rules' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'catalog-rules' }.data.'catalog-rules'", containsString("Art. 8"));
        given().auth().oauth2(Tokens.center()).get("/api/v1/datasets/" + legacy).then()
                .body("sharingClass", equalTo("UNCONDITIONAL"));
    }

    @Test
    void aProviderRegistersItsOwnDatasetPendingUntilTheCenterClassifiesIt_Art8() {
        String provider = Platform.registerAgency("市水务集团");
        String code = TestCodes.datasetCode("water-accounts");
        given().auth().oauth2(Tokens.agency(provider)).contentType(ContentType.JSON)
                .body(dataset(code, provider, "CONDITIONAL"))
                .post("/api/v1/datasets")
                .then().statusCode(201).body("status", equalTo("PENDING_CLASSIFICATION"));

        String other = Platform.registerAgency("市教育局");
        assertProblem(given().auth().oauth2(Tokens.agency(other)).get("/api/v1/datasets/" + code).then(), 404, "NOT_FOUND");
        given().auth().oauth2(Tokens.agency(other)).get("/api/v1/datasets")
                .then().statusCode(200).body("datasets.code", not(hasItem(code)));
        given().auth().oauth2(Tokens.agency(provider)).get("/api/v1/datasets/" + code).then().statusCode(200);

        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("sharingClass", "CONDITIONAL", "conditions", "仅用于水费减免资格核验"))
                .put("/api/v1/datasets/" + code + "/classification")
                .then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("sharingClass", equalTo("CONDITIONAL"))
                .body("conditions", equalTo("仅用于水费减免资格核验"));
        given().auth().oauth2(Tokens.agency(other)).get("/api/v1/datasets/" + code).then().statusCode(200);
    }

    @Test
    void aProviderCannotRegisterADatasetForAnotherAgency() {
        String provider = Platform.registerAgency("市卫健委");
        String other = Platform.registerAgency("市民政局");
        assertProblem(given().auth().oauth2(Tokens.agency(provider)).contentType(ContentType.JSON)
                .body(dataset(TestCodes.datasetCode("x"), other, "CONDITIONAL"))
                .post("/api/v1/datasets").then(), 403, "NOT_PROVIDER");
    }

    @Test
    void opsCannotRegisterDatasets() {
        String provider = Platform.registerAgency("市交通委");
        assertProblem(given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON)
                .body(dataset(TestCodes.datasetCode("x"), provider, "UNCONDITIONAL"))
                .post("/api/v1/datasets").then(), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void aSpecialDatasetNeedsALegalBasis_Art19() {
        String provider = Platform.registerAgency("市公安局户政");
        String code = TestCodes.datasetCode("criminal-records");
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(dataset(code, provider, "SPECIAL"))
                .post("/api/v1/datasets").then(), 400, "LEGAL_BASIS_REQUIRED");

        Map<String, Object> withBasis = dataset(code, provider, "SPECIAL");
        withBasis.put("legalBasis", "《中华人民共和国治安管理处罚法》第八十条");
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(withBasis)
                .post("/api/v1/datasets").then().statusCode(201).body("legalBasis", containsString("第八十条"));

        String other = TestCodes.datasetCode("reclassified");
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(dataset(other, provider, "CONDITIONAL")).post("/api/v1/datasets").then().statusCode(201);
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("sharingClass", "SPECIAL", "legalBasis", "   "))
                .put("/api/v1/datasets/" + other + "/classification").then(), 400, "LEGAL_BASIS_REQUIRED");
    }

    @Test
    void oneDatumHasOneSource_Art4And12() {
        String first = Platform.registerAgency("市公安局人口");
        String second = Platform.registerAgency("市卫健委人口");
        String element = "person.name." + TestCodes.creditCode();
        Map<String, Object> owner = dataset(TestCodes.datasetCode("residents"), first, "UNCONDITIONAL");
        owner.put("fields", List.of(Map.of("name", "name", "type", "STRING", "element", element)));
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(owner)
                .post("/api/v1/datasets").then().statusCode(201);

        // The same provider may carry its own element in another dataset.
        Map<String, Object> sameSource = dataset(TestCodes.datasetCode("residents-summary"), first, "UNCONDITIONAL");
        sameSource.put("fields", List.of(Map.of("name", "fullName", "type", "STRING", "element", element)));
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(sameSource)
                .post("/api/v1/datasets").then().statusCode(201);

        String copyCode = TestCodes.datasetCode("patients");
        Map<String, Object> copy = dataset(copyCode, second, "CONDITIONAL");
        copy.put("fields", List.of(Map.of("name", "patientName", "type", "STRING", "element", element)));
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(copy)
                .post("/api/v1/datasets").then(), 409, "DUPLICATE_SOURCE")
                .body("detail", containsString(first));
        // Nothing of the refused registration was kept.
        assertProblem(given().auth().oauth2(Tokens.center()).get("/api/v1/datasets/" + copyCode).then(), 404, "NOT_FOUND");
    }

    @Test
    void aDatasetCodeIsRegisteredOnce() {
        String provider = Platform.registerAgency("市统计局");
        String code = TestCodes.datasetCode("census");
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(dataset(code, provider, "UNCONDITIONAL"))
                .post("/api/v1/datasets").then().statusCode(201);
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(dataset(code, provider, "UNCONDITIONAL")).post("/api/v1/datasets").then(), 409, "DUPLICATE");
    }

    @Test
    void badDefinitionsAreInvalidRequestsThatSayWhatIsWrong() {
        String provider = Platform.registerAgency("市规划局");
        Map<String, Object> twice = dataset(TestCodes.datasetCode("x"), provider, "UNCONDITIONAL");
        twice.put("fields", List.of(Map.of("name", "a", "type", "STRING"), Map.of("name", "a", "type", "DATE")));
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(twice)
                .post("/api/v1/datasets").then(), 400, "INVALID_REQUEST").body("detail", containsString("'a'"));

        Map<String, Object> badType = dataset(TestCodes.datasetCode("x"), provider, "UNCONDITIONAL");
        badType.put("fields", List.of(Map.of("name", "a", "type", "VARCHAR")));
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(badType)
                .post("/api/v1/datasets").then(), 400, "INVALID_REQUEST").body("detail", containsString("fields[0].type"));

        Map<String, Object> noFields = dataset(TestCodes.datasetCode("x"), provider, "UNCONDITIONAL");
        noFields.put("fields", List.of());
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(noFields)
                .post("/api/v1/datasets").then(), 400, "INVALID_REQUEST").body("detail", containsString("fields"));

        Map<String, Object> longName = dataset(TestCodes.datasetCode("x"), provider, "UNCONDITIONAL");
        longName.put("name", "名".repeat(201));
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(longName)
                .post("/api/v1/datasets").then(), 400, "INVALID_REQUEST").body("detail", containsString("name"));

        Map<String, Object> noClass = dataset(TestCodes.datasetCode("x"), provider, null);
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(noClass)
                .post("/api/v1/datasets").then(), 400, "INVALID_REQUEST").body("detail", containsString("sharingClass"));

        Map<String, Object> unknownProvider = dataset(TestCodes.datasetCode("x"), TestCodes.creditCode(), "UNCONDITIONAL");
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(unknownProvider)
                .post("/api/v1/datasets").then(), 400, "INVALID_REQUEST").body("detail", containsString("provider"));

        Map<String, Object> typo = dataset(TestCodes.datasetCode("x"), provider, "UNCONDITIONAL");
        typo.put("legalbasis", "x");
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(typo)
                .post("/api/v1/datasets").then(), 400, "INVALID_REQUEST").body("detail", containsString("legalbasis"));
    }

    @Test
    void theCatalogFiltersByProviderClassSubjectTypeAndText() {
        String provider = Platform.registerAgency("市不动产登记中心");
        String mine = TestCodes.datasetCode("property-titles");
        Map<String, Object> body = dataset(mine, provider, "CONDITIONAL");
        body.put("name", "不动产权属登记 " + mine);
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/datasets").then().statusCode(201);
        String reader = Platform.registerAgency("市法院");

        given().auth().oauth2(Tokens.agency(reader)).queryParam("provider", provider).get("/api/v1/datasets")
                .then().statusCode(200).body("datasets.code", equalTo(List.of(mine)));
        given().auth().oauth2(Tokens.agency(reader)).queryParam("sharingClass", "CONDITIONAL")
                .queryParam("subjectType", "ENTITY").get("/api/v1/datasets")
                .then().statusCode(200).body("datasets.code", hasItem(mine))
                .body("datasets.sharingClass", everyItem(equalTo("CONDITIONAL")));
        given().auth().oauth2(Tokens.agency(reader)).queryParam("q", "权属登记 " + mine).get("/api/v1/datasets")
                .then().statusCode(200).body("datasets.code", equalTo(List.of(mine)));
        given().auth().oauth2(Tokens.agency(reader)).queryParam("sharingClass", "SPECIAL")
                .queryParam("provider", provider).get("/api/v1/datasets")
                .then().statusCode(200).body("datasets.size()", equalTo(0));
        assertProblem(given().auth().oauth2(Tokens.agency(reader)).queryParam("sharingClass", "OPEN")
                .get("/api/v1/datasets").then(), 400, "INVALID_REQUEST");
        given().auth().oauth2(Tokens.agency(reader)).queryParam("q", "100%_").get("/api/v1/datasets")
                .then().statusCode(200);
    }
}
