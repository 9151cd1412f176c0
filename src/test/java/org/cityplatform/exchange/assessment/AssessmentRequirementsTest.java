package org.cityplatform.exchange.assessment;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.PushHistory;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Art. 33: the center publishes each year what it requires (datasets at an update cycle) and how
 * the assessment scores (weights); Art. 34: each agency is measured against them. Years used here:
 * 2013 to set and read, 2011 to measure, 2010 published; no other test sets requirements.
 */
@QuarkusTest
class AssessmentRequirementsTest {

    private static final String REQUIREMENTS = "/api/v1/assessment/{year}/requirements";

    @Test
    void art33_theCenterSetsAYearsRequirementsAndEveryAgencyReadsThemWithTheFormula() {
        String provider = Platform.registerSignedAgency("被要求的提供方");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        as(Tokens.center()).contentType(ContentType.JSON)
                .body(body(List.of(required(dataset, "WEEKLY")), Map.of("timeliness", 60, "objections", 40), "按周更新"))
                .put(REQUIREMENTS, 2013).then().statusCode(200)
                .body("year", equalTo(2013)).body("datasets", hasSize(1)).body("datasets[0].updateCycle", equalTo("WEEKLY"));

        String reader = Platform.registerSignedAgency("查看要求的部门");
        asAgency(reader).get(REQUIREMENTS, 2013).then().statusCode(200)
                .body("datasets[0].code", equalTo(dataset)).body("weights.timeliness", equalTo(60.0f))
                .body("notes", equalTo("按周更新"))
                .body("method.zh", containsString("得分 = 100 × Σ(权重 × 指标) / Σ(权重)"))
                .body("method.en", containsString("timeliness = (periodsOnTime + periodsExcused) / periods, weight 60"));

        // Replaced whole.
        as(Tokens.center()).contentType(ContentType.JSON)
                .body(body(List.of(), Map.of("applications", 1), null)).put(REQUIREMENTS, 2013).then().statusCode(200);
        as(Tokens.center()).get(REQUIREMENTS, 2013).then().statusCode(200)
                .body("datasets", hasSize(0)).body("weights.applications", equalTo(1.0f))
                .body("weights.timeliness", is((Object) null));

        assertProblem(asAgency(reader).get(REQUIREMENTS, 2014).then(), 404, "NOT_FOUND");
    }

    @Test
    void art33_onlyTheCenterSetsRequirementsAndOnlyAgenciesAndTheCenterReadThem() {
        String agency = Platform.registerSignedAgency("想改要求的部门");
        assertProblem(asAgency(agency).contentType(ContentType.JSON).body(body(List.of(), Map.of("timeliness", 1), null))
                .put(REQUIREMENTS, 2013).then(), 403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.ops()).get(REQUIREMENTS, 2013).then(), 403, "FORBIDDEN_ROLE");
    }

    @Test
    void art33_requirementsAreValidatedWhole() {
        String provider = Platform.registerSignedAgency("校验要求的提供方");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        Map<String, Object> weights = Map.of("timeliness", 1);
        refused(body(List.of(required("NO_SUCH_DATASET", "DAILY")), weights, null), "NO_SUCH_DATASET");
        refused(body(List.of(required(dataset, "HOURLY")), weights, null), "updateCycle");
        refused(body(List.of(required(dataset, "DAILY"), required(dataset, "WEEKLY")), weights, null), "twice");
        refused(body(List.of(Map.of("updateCycle", "DAILY")), weights, null), "code");
        refused(body(List.of(), Map.of("speed", 1), null), "speed");
        refused(body(List.of(), Map.of("timeliness", -1), null), "timeliness");
        refused(body(List.of(), Map.of("timeliness", 0, "objections", 0), null), "above 0");
        refused(body(List.of(), Map.of(), null), "weights");
        refused(body(List.of(), weights, "说".repeat(4001)), "notes");
        Map<String, Object> noDatasets = new HashMap<>(body(List.of(), weights, null));
        noDatasets.remove("datasets");
        refused(noDatasets, "datasets");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(body(List.of(), weights, null))
                .put(REQUIREMENTS, 1999).then(), 400, "INVALID_REQUEST");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body("{\"datasets\":[],\"weights\":{\"timeliness\":\"a lot\"}}")
                .put(REQUIREMENTS, 2013).then(), 400, "INVALID_REQUEST");
    }

    @Test
    void art33_aPublishedYearsRequirementsAreNotChanged() {
        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of()).post("/api/v1/assessment/2010/publish")
                .then().statusCode(anyOf(equalTo(201), equalTo(409)));
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(body(List.of(), Map.of("timeliness", 1), null))
                .put(REQUIREMENTS, 2010).then(), 409, "INVALID_STATE");
    }

    @Test
    void art33_art34_anInterimReportLeavesTheRequirementsOpenAndThePageStatesTheFormulaWithItsWeights() {
        int year = 2007;
        as(Tokens.center()).contentType(ContentType.JSON).body(body(List.of(), Map.of("timeliness", 3, "objections", 1), null))
                .put(REQUIREMENTS, year).then().statusCode(200);
        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("interim", true))
                .post("/api/v1/assessment/" + year + "/publish").then().statusCode(201);
        as(Tokens.center()).contentType(ContentType.JSON).body(body(List.of(), Map.of("timeliness", 1), null))
                .put(REQUIREMENTS, year).then().statusCode(200);

        String page = io.restassured.RestAssured.given().get("/assessment/" + year).then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("id=\"formula\""), "the scored year states how its score is computed");

        as(Tokens.center()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/assessment/" + year + "/publish").then().statusCode(201);
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(body(List.of(), Map.of("timeliness", 2), null))
                .put(REQUIREMENTS, year).then(), 409, "INVALID_STATE");
    }

    @Test
    void art34_eachAgencyIsMeasuredAgainstTheRequiredDatasetsAndScoredByThePublishedWeights() {
        String punctual = Platform.registerSignedAgency("半数按时的提供方");
        String required = TimelinessTest.dataset(punctual, "MONTHLY"); // required daily: the requirement's cycle counts
        String notRequired = Platform.registerPersonDataset(punctual, "UNCONDITIONAL");
        PushHistory.activeSince(required, LocalDate.of(2011, 1, 1));
        PushHistory.activeSince(notRequired, LocalDate.of(2011, 1, 1));
        PushHistory.pushedOn(required, LocalDate.of(2011, 6, 1), LocalDate.of(2011, 6, 3), LocalDate.of(2011, 6, 5),
                LocalDate.of(2011, 6, 7), LocalDate.of(2011, 6, 9));
        String absent = Platform.registerSignedAgency("未提供的提供方");
        String neverActive = TimelinessTest.dataset(absent, "DAILY"); // registered now: it had no dataset in 2011

        as(Tokens.center()).contentType(ContentType.JSON)
                .body(body(List.of(required(required, "DAILY"), required(neverActive, "WEEKLY")),
                        Map.of("timeliness", 3, "objections", 1), "2011年共享要求"))
                .put(REQUIREMENTS, 2011).then().statusCode(200);

        Map<String, Object> half = TimelinessTest.figures(punctual, LocalDate.of(2011, 6, 1), LocalDate.of(2011, 6, 10));
        Assertions.assertEquals(10, half.get("periods"), "the required dataset, per day; the other is not judged");
        Assertions.assertEquals(5, half.get("periodsOnTime"));
        Assertions.assertEquals(5, half.get("periodsLate"));
        // 100 × (3 × 5/10 + 1 × 1, no objection) / (3 + 1)
        Assertions.assertEquals(62.5f, ((Number) half.get("score")).floatValue());

        Map<String, Object> none = TimelinessTest.figures(absent, LocalDate.of(2011, 6, 1), LocalDate.of(2011, 6, 10));
        Assertions.assertEquals(1, none.get("periods"), "the week ending Sunday 5 June; the next one is not over");
        Assertions.assertEquals(1, none.get("periodsLate"), "required, and not provided then: late");
        Assertions.assertEquals(25.0f, ((Number) none.get("score")).floatValue());

        Map<String, Object> unrequiredYear = TimelinessTest.figures(punctual, LocalDate.of(2012, 6, 1),
                LocalDate.of(2012, 6, 10));
        Assertions.assertNull(unrequiredYear.get("score"), "no requirements for 2012: no score");
        Assertions.assertEquals(10, unrequiredYear.get("periods"),
                "without requirements every dataset by its own cycle: ten days; June, not over by the 10th, not yet");
    }

    private static Map<String, Object> required(String code, String cycle) {
        return Map.of("code", code, "updateCycle", cycle);
    }

    private static Map<String, Object> body(List<?> datasets, Map<String, ?> weights, String notes) {
        Map<String, Object> body = new HashMap<>();
        body.put("datasets", datasets);
        body.put("weights", weights);
        if (notes != null) {
            body.put("notes", notes);
        }
        return body;
    }

    private static void refused(Map<String, Object> body, String named) {
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(body).put(REQUIREMENTS, 2013).then(),
                400, "INVALID_REQUEST").body("detail", containsString(named));
    }
}
