package org.cityplatform.exchange.objections;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Art. 20: an objection is resolved as CORRECTED only when the data says so. Filing keeps the
 * record's version; CORRECTED, by the center or by the provider, needs a newer one (an identical
 * re-push makes none), or for an INCOMPLETE objection about a key that was not stored, the record
 * stored since: otherwise 409 NOT_CORRECTED. The consumer is told the version that corrects it.
 */
@QuarkusTest
class ObjectionCorrectionTest {

    private record Scene(String provider, String consumer, String dataset) {

        String record(String key) {
            return "/api/v1/datasets/" + dataset + "/records/" + key;
        }
    }

    private static Scene scene(String name) {
        String provider = Platform.registerSignedAgency(name + "提供方");
        String consumer = Platform.registerSignedAgency(name + "使用方");
        return new Scene(provider, consumer, Platform.registerPersonDataset(provider, "UNCONDITIONAL"));
    }

    private static ValidatableResponse file(Scene s, String key, String kind) {
        return asAgency(s.consumer()).contentType(ContentType.JSON)
                .body(Map.of("dataset", s.dataset(), "key", key, "kind", kind, "description", "住址已变更"))
                .post("/api/v1/objections").then();
    }

    private static ValidatableResponse review(int id, String outcome) {
        return as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("outcome", outcome, "note", "已核对"))
                .post("/api/v1/objections/" + id + "/review").then();
    }

    private static ValidatableResponse answer(Scene s, int id, String outcome) {
        return asAgency(s.provider()).contentType(ContentType.JSON).body(Map.of("outcome", outcome, "note", "已更正登记"))
                .post("/api/v1/objections/" + id + "/provider-response").then();
    }

    @Test
    void art20_theCenterResolvesAsCorrectedOnlyAfterAChangedPush_andTheConsumerIsToldTheVersion() {
        Scene s = scene("中心更正");
        String key = TestKeys.person(8701);
        Platform.push(s.provider(), s.dataset(), Platform.person(key, "赵六", "旧地址"));
        int id = file(s, key, "ERROR").statusCode(201)
                .body("version", equalTo(1)).body("correctedVersion", nullValue()).extract().path("id");

        assertProblem(review(id, "CORRECTED"), 409, "NOT_CORRECTED");
        // The same data again is no change: no new version, still nothing corrected.
        Platform.push(s.provider(), s.dataset(), Platform.person(key, "赵六", "旧地址"));
        asAgency(s.consumer()).get(s.record(key)).then().statusCode(200).body("version", equalTo(1));
        assertProblem(review(id, "CORRECTED"), 409, "NOT_CORRECTED");
        asAgency(s.consumer()).get("/api/v1/objections/" + id).then().body("status", equalTo("OPEN"));

        Platform.push(s.provider(), s.dataset(), Platform.person(key, "赵六", "新地址"));
        review(id, "CORRECTED").statusCode(200).body("status", equalTo("RESOLVED"))
                .body("reviewOutcome", equalTo("CORRECTED")).body("version", equalTo(1))
                .body("correctedVersion", equalTo(2));
        asAgency(s.consumer()).get("/api/v1/notifications").then()
                .body("notifications.find { it.subject == 'objection " + id + "' }.message",
                        containsString("CORRECTED (version 2)"));

        // Art. 31: the refusal is in the trail with its code.
        as(Tokens.center()).queryParam("action", "OBJECTION").queryParam("outcome", "INVALID")
                .get("/api/v1/audit").then().statusCode(200).body("events.code", hasItem("NOT_CORRECTED"));
    }

    @Test
    void art20_theProviderAnswersCorrectedOnlyAfterAChangedPush_andTheConsumerIsToldTheVersion() {
        Scene s = scene("提供方更正");
        String key = TestKeys.person(8702);
        Platform.push(s.provider(), s.dataset(), Platform.person(key, "孙七", "旧地址"));
        int id = file(s, key, "ERROR").statusCode(201).body("version", equalTo(1)).extract().path("id");
        review(id, "REFER_TO_PROVIDER").statusCode(200).body("status", equalTo("PROVIDER_CHECK"));

        assertProblem(answer(s, id, "CORRECTED"), 409, "NOT_CORRECTED");
        Platform.push(s.provider(), s.dataset(), Platform.person(key, "孙七", "旧地址"));
        assertProblem(answer(s, id, "CORRECTED"), 409, "NOT_CORRECTED");

        Platform.push(s.provider(), s.dataset(), Platform.person(key, "孙七", "新地址"));
        answer(s, id, "CORRECTED").statusCode(200).body("status", equalTo("RESOLVED"))
                .body("providerOutcome", equalTo("CORRECTED")).body("correctedVersion", equalTo(2));
        asAgency(s.consumer()).get("/api/v1/notifications").then()
                .body("notifications.find { it.subject == 'objection " + id + "' }.message",
                        containsString("CORRECTED (version 2)"));
        as(Tokens.center()).get("/api/v1/notifications").then()
                .body("notifications.findAll { it.subject == 'objection " + id + "' }.message",
                        hasItem(containsString("CORRECTED (version 2)")));
    }

    @Test
    void art20_anIncompleteObjectionAboutAMissingKeyIsFiledWithoutVersion_andCorrectedOnceTheKeyIsStored() {
        Scene s = scene("缺失记录");
        String key = TestKeys.person(8703);
        // A wrong value needs a record to be in; a missing record is incomplete data.
        assertProblem(file(s, key, "ERROR"), 404, "NOT_FOUND");
        int id = file(s, key, "INCOMPLETE").statusCode(201).body("status", equalTo("OPEN"))
                .body("version", nullValue()).extract().path("id");
        as(Tokens.center()).get("/api/v1/objections/" + id + "/record").then().statusCode(200)
                .body("asFiled", nullValue()).body("now", nullValue());

        assertProblem(review(id, "CORRECTED"), 409, "NOT_CORRECTED");
        Platform.push(s.provider(), s.dataset(), Platform.person(key, "周八", "某地"));
        review(id, "CORRECTED").statusCode(200).body("status", equalTo("RESOLVED"))
                .body("version", nullValue()).body("correctedVersion", equalTo(1));
        asAgency(s.consumer()).get("/api/v1/notifications").then()
                .body("notifications.find { it.subject == 'objection " + id + "' }.message",
                        containsString("CORRECTED (version 1)"));
    }

    @Test
    void art20_theProviderAnswersCorrectedForAMissingKeyOnlyOnceItIsStored() {
        Scene s = scene("缺失转办");
        String key = TestKeys.person(8704);
        int id = file(s, key, "INCOMPLETE").statusCode(201).body("version", nullValue()).extract().path("id");
        review(id, "REFER_TO_PROVIDER").statusCode(200);

        assertProblem(answer(s, id, "CORRECTED"), 409, "NOT_CORRECTED");
        Platform.push(s.provider(), s.dataset(), Platform.person(key, "吴九", "某地"));
        answer(s, id, "CORRECTED").statusCode(200).body("correctedVersion", equalTo(1));
        asAgency(s.consumer()).get("/api/v1/objections/" + id).then()
                .body("status", equalTo("RESOLVED")).body("correctedVersion", equalTo(1));
    }

    @Test
    void art20_removingTheRecordObjectedToIsANewerVersionThatCorrectsIt_confirmingNeedsNone() {
        Scene s = scene("删除更正");
        String key = TestKeys.person(8705);
        Platform.push(s.provider(), s.dataset(), Platform.person(key, "郑十", "某地"));
        int removed = file(s, key, "ERROR").statusCode(201).extract().path("id");
        Platform.push(s.provider(), s.dataset(), "{\"key\":\"" + key + "\",\"deleted\":true}\n");
        review(removed, "CORRECTED").statusCode(200).body("correctedVersion", equalTo(2));

        String other = TestKeys.person(8706);
        Platform.push(s.provider(), s.dataset(), Platform.person(other, "王一", "某地"));
        int confirmed = file(s, other, "ERROR").statusCode(201).extract().path("id");
        review(confirmed, "CONFIRMED").statusCode(200).body("status", equalTo("RESOLVED"))
                .body("correctedVersion", nullValue());
    }
}
