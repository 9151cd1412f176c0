package org.cityplatform.exchange.needs;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Art. 11 through HTTP: an agency states the data its duties need; the center assigns the agency
 * that should provide it by a date; the provider fulfils it with its own dataset (or the center
 * with any), or the center declines it in writing. Each side is told, and only they see the need.
 */
@QuarkusTest
class DataNeedApiTest {

    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    private record Scene(String filer, String provider, String stranger) {
    }

    private static Scene scene(String name) {
        return new Scene(Platform.registerSignedAgency(name + "需求方"), Platform.registerSignedAgency(name + "提供方"),
                Platform.registerSignedAgency(name + "无关方"));
    }

    private static Map<String, Object> need(String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("description", description);
        body.put("subjectType", "PERSON");
        body.put("elements", List.of("姓名", "婚姻状况"));
        body.put("purpose", "办理住房保障资格审核");
        body.put("legalDuty", "《公共租赁住房管理办法》第七条");
        return body;
    }

    private static int file(String agency, String description) {
        return asAgency(agency).contentType(ContentType.JSON).body(need(description))
                .post("/api/v1/needs").then().statusCode(201).body("status", equalTo("OPEN"))
                .extract().path("id");
    }

    private static String dueOn(int days) {
        return LocalDate.now(CITY).plusDays(days).toString();
    }

    private static void assign(int id, String provider) {
        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("provider", provider, "dueOn", dueOn(10)))
                .post("/api/v1/needs/" + id + "/assign").then().statusCode(200).body("status", equalTo("ASSIGNED"));
    }

    @Test
    void art11_anAgencyFilesADataNeedAndTheCenterAssignsItToAProvider() {
        Scene s = scene("住房");
        var filed = asAgency(s.filer()).contentType(ContentType.JSON).body(need("核实申请人婚姻状况"))
                .post("/api/v1/needs").then().statusCode(201)
                .body("status", equalTo("OPEN"))
                .body("agency", equalTo(s.filer()))
                .body("subjectType", equalTo("PERSON"))
                .body("elements", equalTo(List.of("姓名", "婚姻状况")))
                .body("legalDuty", equalTo("《公共租赁住房管理办法》第七条"))
                .body("filedAt", notNullValue())
                .body("filedBy", equalTo("system-" + s.filer()))
                .body("provider", nullValue())
                .extract();
        int id = filed.path("id");
        org.junit.jupiter.api.Assertions.assertTrue(filed.header("Location").endsWith("/api/v1/needs/" + id));
        as(Tokens.center()).get("/api/v1/notifications").then()
                .body("notifications.subject", hasItem("data need " + id));

        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("provider", s.provider(), "dueOn", dueOn(10)))
                .post("/api/v1/needs/" + id + "/assign").then().statusCode(200)
                .body("status", equalTo("ASSIGNED"))
                .body("provider", equalTo(s.provider()))
                .body("dueOn", equalTo(dueOn(10)))
                .body("assignedAt", notNullValue());
        asAgency(s.provider()).get("/api/v1/notifications").then().statusCode(200)
                .body("notifications.find { it.subject == 'data need " + id + "' }.kind", equalTo("DATA_NEED"))
                .body("notifications.find { it.subject == 'data need " + id + "' }.message",
                        containsString("核实申请人婚姻状况"));

        // Every step is an audit event that names the need (Art. 31).
        as(Tokens.center()).queryParam("action", "NEED").queryParam("targetType", "need").queryParam("targetId", id)
                .get("/api/v1/audit").then().statusCode(200)
                .body("events.size()", equalTo(2)).body("events.outcome", everyItem(equalTo("OK")));
    }

    @Test
    void art11_onlyAnAgencyFilesAndOnlyTheCenterAssigns() {
        Scene s = scene("职责");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(need("x"))
                .post("/api/v1/needs").then(), 403, "FORBIDDEN_ROLE");
        int id = file(s.filer(), "企业社保缴纳");
        assertProblem(asAgency(s.filer()).contentType(ContentType.JSON)
                .body(Map.of("provider", s.provider(), "dueOn", dueOn(5)))
                .post("/api/v1/needs/" + id + "/assign").then(), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void art11_aNeedStatesWhatItNeedsInBoundedText() {
        String filer = Platform.registerSignedAgency("民政局需求");
        Map<String, Object> noElements = need("x");
        noElements.put("elements", List.of());
        assertProblem(asAgency(filer).contentType(ContentType.JSON).body(noElements)
                .post("/api/v1/needs").then(), 400, "INVALID_REQUEST").body("detail", containsString("elements"));
        Map<String, Object> blankElement = need("x");
        blankElement.put("elements", List.of("姓名", " "));
        assertProblem(asAgency(filer).contentType(ContentType.JSON).body(blankElement)
                .post("/api/v1/needs").then(), 400, "INVALID_REQUEST").body("detail", containsString("elements"));
        Map<String, Object> noDuty = need("x");
        noDuty.remove("legalDuty");
        assertProblem(asAgency(filer).contentType(ContentType.JSON).body(noDuty)
                .post("/api/v1/needs").then(), 400, "INVALID_REQUEST").body("detail", containsString("legalDuty"));
        assertProblem(asAgency(filer).contentType(ContentType.JSON).body(need("长".repeat(4001)))
                .post("/api/v1/needs").then(), 400, "INVALID_REQUEST").body("detail", containsString("description"));
        Map<String, Object> badType = need("x");
        badType.put("subjectType", "ANIMAL");
        assertProblem(asAgency(filer).contentType(ContentType.JSON).body(badType)
                .post("/api/v1/needs").then(), 400, "INVALID_REQUEST");
    }

    @Test
    void art11_theProviderIsARegisteredAgencyAndTheDueDateIsNotPast() {
        Scene s = scene("期限");
        int id = file(s.filer(), "车辆年检记录");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("provider", s.provider(), "dueOn", dueOn(-1)))
                .post("/api/v1/needs/" + id + "/assign").then(), 400, "INVALID_REQUEST")
                .body("detail", containsString("dueOn"));
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("provider", org.cityplatform.exchange.support.TestCodes.creditCode(), "dueOn", dueOn(3)))
                .post("/api/v1/needs/" + id + "/assign").then(), 400, "INVALID_REQUEST")
                .body("detail", containsString("not registered"));
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("provider", "nonsense", "dueOn", dueOn(3)))
                .post("/api/v1/needs/" + id + "/assign").then(), 400, "INVALID_KEY");
        // Today is not past: the provider may be asked for the data the same day.
        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("provider", s.provider(), "dueOn", dueOn(0)))
                .post("/api/v1/needs/" + id + "/assign").then().statusCode(200).body("dueOn", equalTo(dueOn(0)));
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("provider", s.provider(), "dueOn", dueOn(3)))
                .post("/api/v1/needs/999999999/assign").then(), 404, "NOT_FOUND");
    }

    @Test
    void art11_theAssignedProviderFulfilsTheNeedWithItsOwnDatasetAndTheFilerIsTold() {
        Scene s = scene("婚姻");
        int id = file(s.filer(), "婚姻登记信息");
        String own = Platform.registerPersonDataset(s.provider(), "CONDITIONAL");
        String others = Platform.registerPersonDataset(s.stranger(), "CONDITIONAL");

        // Before assignment the provider is nobody to this need.
        assertProblem(asAgency(s.provider()).contentType(ContentType.JSON).body(Map.of("dataset", own))
                .post("/api/v1/needs/" + id + "/fulfil").then(), 404, "NOT_FOUND");
        assign(id, s.provider());
        assertProblem(asAgency(s.filer()).contentType(ContentType.JSON).body(Map.of("dataset", own))
                .post("/api/v1/needs/" + id + "/fulfil").then(), 403, "NOT_PROVIDER");
        assertProblem(asAgency(s.provider()).contentType(ContentType.JSON).body(Map.of("dataset", others))
                .post("/api/v1/needs/" + id + "/fulfil").then(), 403, "NOT_PROVIDER");
        assertProblem(asAgency(s.provider()).contentType(ContentType.JSON).body(Map.of("dataset", "no-such-dataset"))
                .post("/api/v1/needs/" + id + "/fulfil").then(), 404, "NOT_FOUND");

        asAgency(s.provider()).contentType(ContentType.JSON).body(Map.of("dataset", own))
                .post("/api/v1/needs/" + id + "/fulfil").then().statusCode(200)
                .body("status", equalTo("FULFILLED")).body("dataset", equalTo(own)).body("fulfilledAt", notNullValue());
        asAgency(s.filer()).get("/api/v1/notifications").then().statusCode(200)
                .body("notifications.find { it.subject == 'data need " + id + "' }.kind", equalTo("DATA_NEED"))
                .body("notifications.find { it.subject == 'data need " + id + "' }.message", containsString(own));
        as(Tokens.center()).get("/api/v1/notifications").then()
                .body("notifications.message", hasItem(containsString("fulfilled data need " + id)));
    }

    @Test
    void art11_theCenterFulfilsANeedWithAnyDatasetOfTheCatalog() {
        Scene s = scene("中心");
        int id = file(s.filer(), "企业登记信息");
        String existing = Platform.registerPersonDataset(s.stranger(), "UNCONDITIONAL");
        assign(id, s.provider());
        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("dataset", existing))
                .post("/api/v1/needs/" + id + "/fulfil").then().statusCode(200)
                .body("status", equalTo("FULFILLED")).body("dataset", equalTo(existing));
        asAgency(s.filer()).get("/api/v1/notifications").then()
                .body("notifications.message", hasItem(containsString(existing)));
    }

    @Test
    void art11_theCenterDeclinesANeedOnlyWithAWrittenReason() {
        Scene s = scene("拒绝");
        int id = file(s.filer(), "全部个人信息");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("reason", "  "))
                .post("/api/v1/needs/" + id + "/decline").then(), 400, "REASON_REQUIRED");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/needs/" + id + "/decline").then(), 400, "REASON_REQUIRED");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).post("/api/v1/needs/" + id + "/decline").then(),
                400, "REASON_REQUIRED");
        assertProblem(asAgency(s.filer()).contentType(ContentType.JSON).body(Map.of("reason", "撤回"))
                .post("/api/v1/needs/" + id + "/decline").then(), 403, "FORBIDDEN_ROLE");
        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("reason", "超出履职所需范围"))
                .post("/api/v1/needs/" + id + "/decline").then().statusCode(200)
                .body("status", equalTo("DECLINED")).body("declineReason", equalTo("超出履职所需范围"))
                .body("declinedAt", notNullValue());
        asAgency(s.filer()).get("/api/v1/notifications").then()
                .body("notifications.message", hasItem(containsString("超出履职所需范围")));
    }

    @Test
    void art11_aStepFromAStateThatDoesNotAllowItIsAConflict() {
        Scene s = scene("状态");
        int declined = file(s.filer(), "驾驶证信息");
        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("reason", "已有目录数据"))
                .post("/api/v1/needs/" + declined + "/decline").then().statusCode(200);
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("provider", s.provider(), "dueOn", dueOn(3)))
                .post("/api/v1/needs/" + declined + "/assign").then(), 409, "INVALID_STATE");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/api/v1/needs/" + declined + "/decline").then(), 409, "INVALID_STATE");

        int open = file(s.filer(), "机动车信息");
        String dataset = Platform.registerPersonDataset(s.provider(), "UNCONDITIONAL");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("dataset", dataset))
                .post("/api/v1/needs/" + open + "/fulfil").then(), 409, "INVALID_STATE");
        assign(open, s.provider());
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("provider", s.stranger(), "dueOn", dueOn(3)))
                .post("/api/v1/needs/" + open + "/assign").then(), 409, "INVALID_STATE");
        asAgency(s.provider()).contentType(ContentType.JSON).body(Map.of("dataset", dataset))
                .post("/api/v1/needs/" + open + "/fulfil").then().statusCode(200);
        assertProblem(asAgency(s.provider()).contentType(ContentType.JSON).body(Map.of("dataset", dataset))
                .post("/api/v1/needs/" + open + "/fulfil").then(), 409, "INVALID_STATE");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("reason", "late"))
                .post("/api/v1/needs/" + open + "/decline").then(), 409, "INVALID_STATE");

        // The refusal is an audit event too.
        as(Tokens.center()).queryParam("action", "NEED").queryParam("targetType", "need").queryParam("targetId", open)
                .queryParam("outcome", "INVALID").get("/api/v1/audit").then().statusCode(200)
                .body("events.code", hasItem("INVALID_STATE"));
    }

    @Test
    void art11_theCenterSeesEveryNeedAnAgencyThoseItFiledOrWasAssignedAndNoOneElseAny() {
        Scene s = scene("可见");
        int filed = file(s.filer(), "低保对象信息");
        int assigned = file(s.stranger(), "残疾人证信息");
        assign(assigned, s.provider());

        as(Tokens.center()).get("/api/v1/needs").then().statusCode(200).body("needs.id", hasItems(filed, assigned));
        as(Tokens.center()).queryParam("status", "ASSIGNED").get("/api/v1/needs").then().statusCode(200)
                .body("needs.id", hasItem(assigned)).body("needs.id", not(hasItem(filed)))
                .body("needs.status", everyItem(equalTo("ASSIGNED")));
        asAgency(s.filer()).get("/api/v1/needs").then().statusCode(200)
                .body("needs.id", hasItem(filed)).body("needs.id", not(hasItem(assigned)))
                .body("needs.agency", everyItem(equalTo(s.filer())));
        asAgency(s.provider()).get("/api/v1/needs").then().statusCode(200)
                .body("needs.id", hasItem(assigned)).body("needs.id", not(hasItem(filed)));
        asAgency(s.provider()).queryParam("status", "OPEN").get("/api/v1/needs").then().statusCode(200)
                .body("needs.id", not(hasItem(assigned)));
        String stranger = Platform.registerSignedAgency("可见旁观者");
        asAgency(stranger).get("/api/v1/needs").then().statusCode(200).body("needs.size()", equalTo(0));

        asAgency(s.filer()).get("/api/v1/needs/" + filed).then().statusCode(200).body("id", equalTo(filed));
        asAgency(s.provider()).get("/api/v1/needs/" + assigned).then().statusCode(200).body("provider", equalTo(s.provider()));
        as(Tokens.center()).get("/api/v1/needs/" + filed).then().statusCode(200);
        assertProblem(asAgency(stranger).get("/api/v1/needs/" + filed).then(), 404, "NOT_FOUND");
        assertProblem(asAgency(s.provider()).get("/api/v1/needs/" + filed).then(), 404, "NOT_FOUND");
        assertProblem(as(Tokens.center()).get("/api/v1/needs/999999999").then(), 404, "NOT_FOUND");
        assertProblem(as(Tokens.ops()).get("/api/v1/needs").then(), 403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.center()).queryParam("status", "LOST").get("/api/v1/needs").then(), 400, "INVALID_REQUEST");
    }

    @Test
    void art11_art28_theProviderIsToldWhomToReachAtTheFilingAgency() {
        Scene s = scene("联络");
        asAgency(s.filer()).contentType(ContentType.JSON)
                .body(Map.of("contact", Map.of("name", "王芳", "phone", "+86 21-5555 0101", "email", "wangfang@mzj.example.gov.cn")))
                .patch("/api/v1/agencies/" + s.filer()).then().statusCode(200);
        int id = file(s.filer(), "殡葬信息");
        assign(id, s.provider());
        asAgency(s.provider()).get("/api/v1/notifications").then()
                .body("notifications.find { it.subject == 'data need " + id + "' }.message",
                        containsString("王芳, +86 21-5555 0101, wangfang@mzj.example.gov.cn"));
    }
}
