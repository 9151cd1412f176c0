package org.cityplatform.exchange.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;

/** Sets up the platform through its own API, the way the center and agencies would. */
public final class Platform {

    private Platform() {
    }

    /** Registers a new agency as the center and returns its code. */
    public static String registerAgency(String name) {
        String code = TestCodes.creditCode();
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", name, "kind", "ADMINISTRATIVE"))
                .post("/api/v1/agencies")
                .then().statusCode(201);
        return code;
    }

    /** Registers a new agency that has also signed the platform agreement (Art. 32). */
    public static String registerSignedAgency(String name) {
        String code = registerAgency(name);
        given().auth().oauth2(Tokens.agency(code)).contentType(ContentType.JSON)
                .body(Map.of("signedBy", "Director of " + name, "version", "2016-1"))
                .post("/api/v1/agencies/" + code + "/agreement")
                .then().statusCode(200);
        return code;
    }

    /**
     * A small PERSON dataset registered ACTIVE by the center for the given provider; its address is
     * marked sensitive unless the dataset is UNCONDITIONAL.
     */
    public static String registerPersonDataset(String provider, String sharingClass) {
        String code = TestCodes.datasetCode("persons");
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "户籍人口 " + code, "provider", provider,
                        "subjectType", "PERSON", "sharingClass", sharingClass, "updateCycle", "DAILY",
                        "legalBasis", "《居民身份证法》",
                        "fields", java.util.List.of(
                                Map.of("name", "name", "type", "STRING", "required", true, "description", "姓名"),
                                Map.of("name", "birthDate", "type", "DATE", "description", "出生日期"),
                                // Art. 8: sensitive data is never UNCONDITIONAL.
                                Map.of("name", "address", "type", "STRING", "sensitive", !"UNCONDITIONAL".equals(sharingClass),
                                        "description", "住址"))))
                .post("/api/v1/datasets")
                .then().statusCode(201);
        return code;
    }

    /**
     * Opens a PERSON dataset as its provider does (202, PENDING_APPROVAL) and approves it as the
     * center with a security assessment due for review in a year (Art. 24): published from now.
     */
    public static void openPersonData(String provider, String dataset, Object opening) {
        Http.asAgency(provider).contentType(ContentType.JSON).body(opening)
                .put("/api/v1/datasets/" + dataset + "/open").then().statusCode(202)
                .body("state", org.hamcrest.Matchers.equalTo("PENDING_APPROVAL"));
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("assessment", Map.of("by", "市大数据中心安全评估组", "conclusion", "公开字段风险可控",
                        "reviewDue", org.cityplatform.exchange.infra.CityDays.today(java.time.Clock.systemUTC())
                                .plusYears(1).toString())))
                .post("/api/v1/datasets/" + dataset + "/open/approve").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("OPEN"));
    }

    /** Pushes NDJSON lines as the dataset's provider; every item must be accepted. */
    public static void push(String provider, String dataset, String ndjson) {
        Http.asAgency(provider).contentType("application/x-ndjson").body(ndjson)
                .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200)
                .body("rejected", org.hamcrest.Matchers.equalTo(0));
    }

    /** One NDJSON item of the PERSON datasets registered here. */
    public static String person(String key, String name, String address) {
        return "{\"key\":\"" + key + "\",\"data\":{\"name\":\"" + name + "\",\"birthDate\":\"1950-01-01\",\"address\":\""
                + address + "\"}}\n";
    }
}
