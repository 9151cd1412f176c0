package org.cityplatform.exchange.assessment;

import static org.cityplatform.exchange.support.Http.anonymous;
import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Art. 34, docs/assessment.md "Publication": while a year runs the center publishes interim
 * reports, each replacing the one before; the final report only once the year has ended in Beijing
 * time, and from then on it is frozen. The page says which it is, when it was published (Beijing time
 * to the minute), who published it and whom to ask, and how each agency changed since the year before.
 *
 * <p>Years used here and nowhere else: {@link #FROZEN} and the year before the current one, removed
 * before each test so that the test can run again on the same database.
 */
@QuarkusTest
class PublicationRulesTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final int FROZEN = 2008;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private static int thisYear() {
        return LocalDate.now(BEIJING).getYear();
    }

    @BeforeEach
    void yearsOfThisTestUnpublished() {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.createStatement().executeUpdate("DELETE FROM assessment_publications WHERE year IN ("
                    + FROZEN + ", " + (thisYear() - 1) + ")");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theFinalReportOfAYearNotEndedIsRefused_Art34() {
        int year = thisYear();
        assertProblem(publish(year, Map.of()).then(), 409, "YEAR_NOT_ENDED")
                .body("detail", containsString("interim"));
        assertProblem(publish(year, Map.of("interim", false)).then(), 409, "YEAR_NOT_ENDED");
        assertProblem(publish(year + 1, Map.of("interim", true)).then(), 400, "INVALID_REQUEST");
        assertProblem(publish(year, Map.of("interim", "soon")).then(), 400, "INVALID_REQUEST");
    }

    @Test
    void anInterimReportIsLabelledAndTheNextOneReplacesIt_Art34() {
        String agency = Platform.registerAgency("中期报告部门");
        int year = thisYear();
        JsonPath first = publish(year, Map.of("interim", true, "advice", Map.of(agency, "第一份中期意见")))
                .then().statusCode(201).body("interim", equalTo(true)).extract().jsonPath();
        LocalDate asOf = LocalDate.parse(first.getString("to"));
        assertEquals(LocalDate.now(BEIJING), asOf, "an interim report of the current year runs to today");

        Document page = page(year);
        assertEquals(year + " 年度政务数据共享考核结果（中期报告）", page.selectFirst("h1").text());
        assertTrue(page.getElementById("interim").text().contains("中期报告"), "labelled interim");
        assertTrue(page.getElementById("interim").text().contains("数据截至 " + asOf.format(DAY)), "with its as-of date");
        assertTrue(page.text().contains("第一份中期意见"));

        JsonPath second = publish(year, Map.of("interim", true, "advice", Map.of(agency, "第二份中期意见")))
                .then().statusCode(201).body("interim", equalTo(true)).extract().jsonPath();
        assertNotEquals(first.getString("publishedAt"), second.getString("publishedAt"));
        Document replaced = page(year);
        assertTrue(replaced.text().contains("第二份中期意见"), "the later interim report replaces the earlier");
        assertFalse(replaced.text().contains("第一份中期意见"));
        assertEquals(beijingMinute(second.getString("publishedAt")), replaced.getElementById("published").text());
    }

    @Test
    void aPastYearsFinalReportIsFrozen_Art34() {
        String agency = Platform.registerAgency("定稿部门");
        publish(FROZEN, Map.of("interim", true)).then().statusCode(201)
                .body("interim", equalTo(true)).body("to", equalTo(FROZEN + "-12-31"));
        publish(FROZEN, Map.of("advice", Map.of(agency, "最终意见"))).then().statusCode(201)
                .header("Location", containsString("/assessment/" + FROZEN))
                .body("interim", equalTo(false)).body("from", equalTo(FROZEN + "-01-01"))
                .body("to", equalTo(FROZEN + "-12-31"))
                .body("publisher", equalTo("市大数据管理中心"));

        assertProblem(publish(FROZEN, Map.of()).then(), 409, "INVALID_STATE");
        assertProblem(publish(FROZEN, Map.of("interim", true)).then(), 409, "INVALID_STATE");

        Document page = page(FROZEN);
        assertEquals(FROZEN + " 年度政务数据共享考核结果", page.selectFirst("h1").text());
        assertTrue(page.getElementById("interim") == null, "a final report carries no interim label");
        assertTrue(page.text().contains("最终意见"), "the final report's advice, not replaced");
        assertEquals("发布单位：市大数据管理中心", page.getElementById("publisher").text());
        assertTrue(page.getElementById("contact").text().startsWith("联系方式："));
        assertTrue(page.getElementById("contact").text().length() > "联系方式：".length());
    }

    @Test
    void thePageShowsEachAgencysChangeAgainstThePreviousPublishedYear_Art34() {
        int year = thisYear();
        String provider = Platform.registerSignedAgency("对比年度部门");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");

        // The year before is not published: nothing to compare.
        publish(year, Map.of("interim", true)).then().statusCode(201);
        Document alone = page(year);
        assertEquals((year - 1) + " 年度考核结果未发布，无可比较的数据。", alone.getElementById("previous").text());
        assertEquals("— — — —", changeOf(alone, provider));

        // Last year its dataset was never provided (overdue); this year it is pushed today (timely).
        publish(year - 1, Map.of()).then().statusCode(201).body("interim", equalTo(false));
        Platform.push(provider, dataset, Platform.person(TestKeys.person(8402), "对比", "某地"));
        publish(year, Map.of("interim", true)).then().statusCode(201);
        Document compared = page(year);
        assertEquals("与 " + (year - 1) + " 年度考核结果相比。", compared.getElementById("previous").text());
        // score (none: the years are not scored), timely, overdue, reads by others.
        assertEquals("— +1 −1 0", changeOf(compared, provider));
    }

    private static String changeOf(Document page, String agency) {
        for (Element row : page.select("#changes tbody tr")) {
            if (row.selectFirst("th").text().contains(agency)) {
                return String.join(" ", row.select("td").eachText());
            }
        }
        throw new AssertionError("no change row for " + agency);
    }

    private static io.restassured.response.Response publish(int year, Map<String, Object> body) {
        return as(Tokens.center()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/assessment/" + year + "/publish");
    }

    private static Document page(int year) {
        return Jsoup.parse(anonymous().get("/assessment/" + year).then().statusCode(200).extract().asString());
    }

    static String beijingMinute(String publishedAt) {
        return OffsetDateTime.parse(publishedAt).atZoneSameInstant(BEIJING).format(MINUTE) + " 北京时间";
    }
}
