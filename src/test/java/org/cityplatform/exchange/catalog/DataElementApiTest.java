package org.cityplatform.exchange.catalog;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.AuditShipped;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Art. 4(1), 12 through HTTP: one datum, one source. Only an ACTIVE dataset holds a claim on a
 * data element; everyone reads the register; the center settles or moves a claim.
 */
@QuarkusTest
class DataElementApiTest {

    /** Registers a dataset of the provider whose one field carries each element; ACTIVE when the center registers it. */
    private static String dataset(String token, String provider, String... elements) {
        String code = TestCodes.datasetCode("elements");
        List<Map<String, Object>> fields = new java.util.ArrayList<>();
        for (int i = 0; i < elements.length; i++) {
            fields.add(Map.of("name", "f" + i, "type", "STRING", "element", elements[i]));
        }
        Map<String, Object> body = new java.util.HashMap<>(Map.of("code", code, "name", "数据元 " + code,
                "provider", provider, "subjectType", "PERSON", "updateCycle", "DAILY", "fields", fields));
        body.put("sharingClass", "UNCONDITIONAL");
        as(token).contentType(ContentType.JSON).body(body).post("/api/v1/datasets").then().statusCode(201);
        return code;
    }

    private static String element(String name) {
        return name + "." + TestCodes.creditCode();
    }

    private static void classify(String code) {
        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("sharingClass", "UNCONDITIONAL"))
                .put("/api/v1/datasets/" + code + "/classification").then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    private static io.restassured.response.ValidatableResponse move(String token, String element, String dataset) {
        return as(token).contentType(ContentType.JSON).body(Map.of("dataset", dataset))
                .put("/api/v1/elements/" + element + "/source").then();
    }

    @Test
    void art12_aPendingDatasetHoldsNoClaimAndClaimsItsUnclaimedElementsWhenClassified() {
        String early = Platform.registerSignedAgency("市民政局婚姻");
        String active = Platform.registerSignedAgency("市公安局户籍");
        String shared = element("person.marital");
        String own = element("person.spouse");
        String pending = dataset(Tokens.agency(early), early, shared, own);
        as(Tokens.center()).queryParam("provider", early).get("/api/v1/elements").then().statusCode(200)
                .body("elements.size()", equalTo(0));

        // The pending declaration neither blocks nor takes the element.
        String source = dataset(Tokens.center(), active, shared);
        as(Tokens.center()).queryParam("provider", active).get("/api/v1/elements").then()
                .body("elements", equalTo(List.of(Map.of("element", shared, "provider", active, "dataset", source,
                        "field", "f0"))));

        // Classified, it claims what nobody holds and leaves the other provider's element where it is.
        classify(pending);
        as(Tokens.center()).queryParam("provider", early).get("/api/v1/elements").then()
                .body("elements", equalTo(List.of(Map.of("element", own, "provider", early, "dataset", pending,
                        "field", "f1"))));
        as(Tokens.center()).queryParam("provider", active).get("/api/v1/elements").then()
                .body("elements.element", equalTo(List.of(shared)));

        // The center registering an ACTIVE dataset with another provider's element is refused, as ever.
        String third = Platform.registerSignedAgency("市卫健委婚检");
        Map<String, Object> copy = new java.util.HashMap<>(Map.of("code", TestCodes.datasetCode("copy"), "name", "副本",
                "provider", third, "subjectType", "PERSON", "sharingClass", "UNCONDITIONAL", "updateCycle", "DAILY",
                "fields", List.of(Map.of("name", "spouse", "type", "STRING", "element", own))));
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(copy).post("/api/v1/datasets").then(),
                409, "DUPLICATE_SOURCE").body("detail", containsString(pending));
    }

    @Test
    void art12_anyAuthenticatedCallerListsTheElementsWithTheirSourcesAPageAtATime() {
        String provider = Platform.registerSignedAgency("市自然资源局");
        String a = element("parcel.a");
        String b = element("parcel.b");
        String code = dataset(Tokens.center(), provider, b, a);
        String reader = Platform.registerSignedAgency("市审计局");
        asAgency(reader).queryParam("provider", provider).get("/api/v1/elements").then().statusCode(200)
                .body("elements.element", equalTo(List.of(a, b)))
                .body("elements.dataset", equalTo(List.of(code, code)))
                .body("elements.field", equalTo(List.of("f1", "f0")))
                .body("elements.provider", equalTo(List.of(provider, provider)));
        as(Tokens.ops()).queryParam("provider", provider).queryParam("offset", 1).queryParam("limit", 1)
                .get("/api/v1/elements").then().statusCode(200).body("elements.element", equalTo(List.of(b)));
        asAgency(reader).queryParam("limit", 1).get("/api/v1/elements").then().statusCode(200)
                .body("elements.size()", equalTo(1));
        assertProblem(asAgency(reader).queryParam("limit", 1001).get("/api/v1/elements").then(), 400, "INVALID_REQUEST");
        assertProblem(asAgency(reader).queryParam("provider", "nonsense").get("/api/v1/elements").then(),
                400, "INVALID_KEY");
    }

    @Test
    void art12_theCenterMovesAClaimToAnotherActiveDatasetAndBothProvidersAreTold() {
        String former = Platform.registerSignedAgency("市教育局学籍");
        String next = Platform.registerSignedAgency("市人社局学历");
        String degree = element("person.degree");
        String held = dataset(Tokens.center(), former, degree);
        String pending = dataset(Tokens.agency(next), next, degree);
        classify(pending); // ACTIVE now, while the element stays with its source

        move(Tokens.center(), degree, pending).statusCode(200)
                .body("element", equalTo(degree))
                .body("provider", equalTo(next))
                .body("dataset", equalTo(pending))
                .body("field", equalTo("f0"));
        asAgency(former).queryParam("provider", next).get("/api/v1/elements").then()
                .body("elements.element", equalTo(List.of(degree)));
        asAgency(former).queryParam("provider", former).get("/api/v1/elements").then().body("elements.size()", equalTo(0));

        for (String provider : List.of(former, next)) {
            asAgency(provider).get("/api/v1/notifications").then().statusCode(200)
                    .body("notifications.find { it.subject == 'element " + degree + "' }.kind",
                            equalTo("ELEMENT_SOURCE_CHANGED"))
                    .body("notifications.find { it.subject == 'element " + degree + "' }.message", containsString(held));
        }
        AuditShipped.await();
        as(Tokens.center()).queryParam("dataset", pending).queryParam("action", "CATALOG").get("/api/v1/audit")
                .then().statusCode(200).body("events.sub", hasItem("center-staff")).body("events.outcome", hasItem("OK"));

        // And back: the same move settles it again; moving to where it is changes nothing.
        move(Tokens.center(), degree, held).statusCode(200).body("provider", equalTo(former));
        move(Tokens.center(), degree, held).statusCode(200).body("dataset", equalTo(held));
    }

    @Test
    void art12_aMoveNeedsAnActiveDatasetThatDeclaresTheElement() {
        String provider = Platform.registerSignedAgency("市商务局");
        String declared = element("entity.license");
        String source = dataset(Tokens.center(), provider, declared);
        String other = dataset(Tokens.center(), provider, element("entity.other"));
        assertProblem(move(Tokens.center(), declared, other), 409, "ELEMENT_NOT_DECLARED")
                .body("detail", containsString(other));
        String pending = dataset(Tokens.agency(provider), provider, declared);
        assertProblem(move(Tokens.center(), declared, pending), 409, "DATASET_NOT_ACTIVE");
        assertProblem(move(Tokens.center(), declared, "no-such-" + source), 400, "INVALID_REQUEST")
                .body("detail", containsString("dataset"));
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(Map.of())
                .put("/api/v1/elements/" + declared + "/source").then(), 400, "INVALID_REQUEST");
        as(Tokens.center()).queryParam("provider", provider).get("/api/v1/elements").then()
                .body("elements.find { it.element == '" + declared + "' }.dataset", equalTo(source));
    }

    @Test
    void art12_onlyTheCenterSettlesASource() {
        String provider = Platform.registerSignedAgency("市消防救援");
        String declared = element("object.hydrant");
        String source = dataset(Tokens.center(), provider, declared);
        assertProblem(move(Tokens.agency(provider), declared, source), 403, "FORBIDDEN_ROLE");
        assertProblem(move(Tokens.ops(), declared, source), 403, "FORBIDDEN_ROLE");
    }
}
