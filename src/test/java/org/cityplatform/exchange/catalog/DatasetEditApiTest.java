package org.cityplatform.exchange.catalog;

import static io.restassured.RestAssured.given;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/catalog.md, "Editing a dataset": PATCH /api/v1/datasets/{code} by the provider or the
 * center. Each accepted edit is a new schema version (Art. 3, 33); changes that would break what
 * providers push or what consumers read are 409 INCOMPATIBLE_CHANGE.
 */
@QuarkusTest
class DatasetEditApiTest {

    private String provider;
    private String dataset;
    private long next = System.nanoTime() % 100_000;

    @BeforeEach
    void aProviderWithAPersonDataset() {
        provider = Platform.registerSignedAgency("市公安局");
        dataset = Platform.registerPersonDataset(provider, "CONDITIONAL");
    }

    private static Map<String, Object> field(String name, String type, Object... more) {
        Map<String, Object> f = new java.util.LinkedHashMap<>(Map.of("name", name, "type", type));
        for (int i = 0; i < more.length; i += 2) {
            f.put((String) more[i], more[i + 1]);
        }
        return f;
    }

    /** The dataset's fields as Platform registers them, then the given ones. */
    private static List<Map<String, Object>> fieldsAnd(Map<String, Object>... added) {
        List<Map<String, Object>> fields = new ArrayList<>(List.of(
                field("name", "STRING", "required", true, "description", "姓名"),
                field("birthDate", "DATE", "description", "出生日期"),
                field("address", "STRING", "sensitive", true, "description", "住址")));
        fields.addAll(List.of(added));
        return fields;
    }

    private RequestSpecification patch(String agency, Map<String, Object> body) {
        return asAgency(agency).contentType(ContentType.JSON).body(body);
    }

    private String key() {
        return TestKeys.person(next++);
    }

    @Test
    void art33_theProviderAddsAnOptionalFieldAndTheDatasetIsAtSchemaVersion2() {
        patch(provider, Map.of("fields", fieldsAnd(field("phone", "STRING", "description", "联系电话"))))
                .patch("/api/v1/datasets/" + dataset).then().statusCode(200)
                .body("schemaVersion", equalTo(2))
                .body("fields.name", contains("name", "birthDate", "address", "phone"));

        asAgency(provider).get("/api/v1/datasets/" + dataset + "/versions").then().statusCode(200)
                .body("versions.version", contains(2, 1))
                .body("versions[0].changes", contains("field 'phone' added, optional"))
                .body("versions[1].changes", contains("registered"));
        // Pushes are checked against the current version at once.
        Platform.push(provider, dataset, "{\"key\":\"" + key() + "\",\"data\":{\"name\":\"王芳\",\"phone\":\"13800000000\"}}\n");
    }

    @Test
    void art33_aFieldMadeRequiredWithADefaultIsReadBackOnRecordsStoredBefore() {
        String old = key();
        Platform.push(provider, dataset, Platform.person(old, "李娜", "武康路2号"));

        patch(provider, Map.of("fields", fieldsAnd(field("nationality", "STRING", "required", true, "default", "CHN"))))
                .patch("/api/v1/datasets/" + dataset).then().statusCode(200).body("schemaVersion", equalTo(2));

        asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + old).then().statusCode(200)
                .body("data.nationality", equalTo("CHN")).body("data.name", equalTo("李娜"));
        // From now on a push must carry it.
        asAgency(provider).contentType("application/x-ndjson").body(Platform.person(key(), "王秀英", "长宁路1号"))
                .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200)
                .body("rejected", equalTo(1)).body("errors[0].message", containsString("nationality"));
    }

    @Test
    void art33_removingRetypingOrRequiringAFieldWithoutADefaultIs409IncompatibleChange() {
        List<Map<String, Object>> withoutAddress = fieldsAnd();
        withoutAddress.remove(2);
        assertProblem(patch(provider, Map.of("fields", withoutAddress)).patch("/api/v1/datasets/" + dataset).then(),
                409, "INCOMPATIBLE_CHANGE").body("detail", containsString("deprecated"));

        List<Map<String, Object>> retyped = fieldsAnd();
        retyped.set(1, field("birthDate", "STRING"));
        assertProblem(patch(provider, Map.of("fields", retyped)).patch("/api/v1/datasets/" + dataset).then(),
                409, "INCOMPATIBLE_CHANGE").body("detail", containsString("type"));

        List<Map<String, Object>> required = fieldsAnd();
        required.set(1, field("birthDate", "DATE", "required", true));
        assertProblem(patch(provider, Map.of("fields", required)).patch("/api/v1/datasets/" + dataset).then(),
                409, "INCOMPATIBLE_CHANGE").body("detail", containsString("default"));

        assertProblem(patch(provider, Map.of("fields", fieldsAnd(field("email", "STRING", "required", true))))
                .patch("/api/v1/datasets/" + dataset).then(), 409, "INCOMPATIBLE_CHANGE");
        assertProblem(patch(provider, Map.of("fields", fieldsAnd(field("level", "INTEGER", "required", true, "default", "high"))))
                .patch("/api/v1/datasets/" + dataset).then(), 400, "INVALID_REQUEST");

        asAgency(provider).get("/api/v1/datasets/" + dataset).then().body("schemaVersion", equalTo(1));
    }

    @Test
    void art33_aDeprecatedFieldMayBeLeftOutOfPushesAndIsStillRead() {
        String old = key();
        Platform.push(provider, dataset, Platform.person(old, "李娜", "武康路2号"));
        List<Map<String, Object>> fields = fieldsAnd();
        fields.set(0, field("name", "STRING", "required", true, "deprecated", true, "description", "姓名，改用 fullName"));
        patch(provider, Map.of("fields", fields)).patch("/api/v1/datasets/" + dataset).then().statusCode(200)
                .body("fields[0].deprecated", equalTo(true));

        Platform.push(provider, dataset, "{\"key\":\"" + key() + "\",\"data\":{\"birthDate\":\"1980-01-01\"}}\n");
        asAgency(provider).get("/api/v1/datasets/" + dataset + "/records/" + old).then().statusCode(200)
                .body("data.name", equalTo("李娜"));
        asAgency(provider).get("/api/v1/datasets/" + dataset + "/versions").then()
                .body("versions[0].changes", hasItem("field 'name' deprecated: pushes may leave it out"));
    }

    @Test
    void art33_theCenterEditsTheDescriptiveFieldsAndEachEditIsItsOwnVersion() {
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("name", "户籍人口信息", "description", "全市常住户籍人口", "updateCycle", "WEEKLY"))
                .patch("/api/v1/datasets/" + dataset).then().statusCode(200)
                .body("name", equalTo("户籍人口信息")).body("description", equalTo("全市常住户籍人口"))
                .body("updateCycle", equalTo("WEEKLY")).body("schemaVersion", equalTo(2));
        patch(provider, Map.of("conditions", "仅限户籍核验")).patch("/api/v1/datasets/" + dataset).then().statusCode(200)
                .body("conditions", equalTo("仅限户籍核验")).body("schemaVersion", equalTo(3));

        asAgency(provider).get("/api/v1/datasets/" + dataset + "/versions").then()
                .body("versions[1].changes", contains("name", "description", "update cycle DAILY -> WEEKLY"))
                .body("versions[1].by", equalTo("center-staff"))
                .body("versions[0].changes", contains("conditions"));
    }

    @Test
    void art8_markingAFieldOfAnUnconditionalDatasetSensitiveIs409() {
        String open = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        List<Map<String, Object>> fields = fieldsAnd();
        assertProblem(patch(provider, Map.of("fields", fields)).patch("/api/v1/datasets/" + open).then(),
                409, "SENSITIVE_IN_UNCONDITIONAL").body("detail", containsString("address"));
    }

    @Test
    void anEditThatChangesNothingIs400AndOnlyTheProviderOrTheCenterEdits() {
        assertProblem(patch(provider, Map.of("name", "户籍人口 " + dataset)).patch("/api/v1/datasets/" + dataset).then(),
                400, "INVALID_REQUEST").body("detail", containsString("changes nothing"));
        String other = Platform.registerSignedAgency("市税务局");
        assertProblem(patch(other, Map.of("name", "别人的数据")).patch("/api/v1/datasets/" + dataset).then(),
                403, "NOT_PROVIDER");
        assertProblem(patch(provider, Map.of("name", "x")).patch("/api/v1/datasets/no-such-dataset").then(),
                404, "NOT_FOUND");
    }

    @Test
    void art33_theProviderAndGrantHoldersAreNotifiedOfEachVersion() {
        String consumer = Platform.registerSignedAgency("市民政局");
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("consumer", consumer, "dataset", dataset, "fields", List.of("name"), "purpose", "低保核验",
                        "use", "DUTY", "validUntil", LocalDate.now().plusDays(10).toString()))
                .post("/api/v1/grants").then().statusCode(201);

        patch(provider, Map.of("fields", fieldsAnd(field("phone", "STRING")))).patch("/api/v1/datasets/" + dataset)
                .then().statusCode(200);

        for (String told : List.of(consumer, provider)) {
            asAgency(told).get("/api/v1/notifications").then().statusCode(200)
                    .body("notifications.kind", hasItem("DATASET_CHANGED"))
                    .body("notifications.message", hasItem(containsString("schema version 2")));
        }
    }
}
