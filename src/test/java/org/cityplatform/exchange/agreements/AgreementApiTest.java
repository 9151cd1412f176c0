package org.cityplatform.exchange.agreements;

import static io.restassured.RestAssured.given;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import org.cityplatform.exchange.agency.AgencyDirectory;
import org.cityplatform.exchange.calendar.Calendars;
import org.cityplatform.exchange.infra.CityDays;
import org.cityplatform.exchange.infra.Invalidations;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/agreements.md: the center publishes versions of the platform agreement; each agency signs the
 * one in force, and a superseded signature counts through a grace period (Art. 32).
 *
 * <p>Published versions apply to every agency, and the other test classes sign the unversioned
 * agreement of before: each test here starts and ends with none published.
 */
@QuarkusTest
class AgreementApiTest {

    private static final String TEXT = "数据使用与保护协议：使用方仅为履行职责使用共享数据，采取安全保护措施……";

    @Inject
    Invalidations invalidations;

    @Inject
    Calendars calendars;

    @Inject
    Clock clock;

    @BeforeEach
    @AfterEach
    void noVersionPublished() {
        sql("DELETE FROM agreement_versions");
    }

    @Test
    void art32_theCenterPublishesAVersionKeptWithItsSha256AndEveryoneListsIt() throws Exception {
        LocalDate today = today();
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("version", "2026-1", "title", "平台数据使用与保护协议", "text", TEXT,
                        "effectiveOn", today.toString()))
                .post("/api/v1/agreements")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/agreements/2026-1"))
                .body("version", equalTo("2026-1"))
                .body("sha256", equalTo(sha256(TEXT)))
                .body("effectiveOn", equalTo(today.toString()))
                .body("graceEndsOn", equalTo(calendars.current().await().indefinitely().plusWorkingDays(today, 30).toString()))
                .body("inForce", equalTo(true));
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("version", "2026-2", "title", "修订版", "text", TEXT + "（修订）",
                        "effectiveOn", today.plusDays(10).toString()))
                .post("/api/v1/agreements").then().statusCode(201).body("inForce", equalTo(false));

        String reader = Platform.registerAgency("市民政局");
        asAgency(reader).get("/api/v1/agreements").then().statusCode(200)
                .body("inForce", equalTo("2026-1"))
                .body("versions.version", org.hamcrest.Matchers.contains("2026-1", "2026-2"))
                .body("versions[0].text", equalTo(TEXT))
                .body("versions[1].inForce", equalTo(false));
        asAgency(reader).get("/api/v1/agreements/2026-2").then().statusCode(200).body("title", equalTo("修订版"));
        assertProblem(asAgency(reader).get("/api/v1/agreements/1999-1").then(), 404, "NOT_FOUND");
    }

    @Test
    void art32_onlyTheCenterPublishesAVersionOnceAndNeverForAPastDay() {
        String agency = Platform.registerAgency("市商务局");
        assertProblem(asAgency(agency).contentType(ContentType.JSON)
                .body(Map.of("version", "2026-1", "title", "t", "text", TEXT, "effectiveOn", today().toString()))
                .post("/api/v1/agreements").then(), 403, "FORBIDDEN_ROLE");
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("version", "2026-1", "title", "t", "text", TEXT, "effectiveOn", today().minusDays(1).toString()))
                .post("/api/v1/agreements").then(), 400, "INVALID_REQUEST")
                .body("detail", containsString("effectiveOn"));
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("version", "2026-1", "title", "t", "effectiveOn", today().toString()))
                .post("/api/v1/agreements").then(), 400, "INVALID_REQUEST");
        publish("2026-1", today());
        assertProblem(given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("version", "2026-1", "title", "t", "text", "other", "effectiveOn", today().toString()))
                .post("/api/v1/agreements").then(), 409, "DUPLICATE");
    }

    @Test
    void art32_anAgencySignsTheVersionInForceAndNoOther() {
        publish("2026-1", today());
        publish("2026-2", today().plusDays(3));
        String agency = Platform.registerAgency("市教育局");
        assertProblem(sign(agency, "2016-1").then(), 409, "AGREEMENT_OUTDATED")
                .body("detail", containsString("2026-1"));
        assertProblem(sign(agency, "2026-2").then(), 409, "AGREEMENT_OUTDATED");
        sign(agency, "2026-1").then().statusCode(200).body("agreement.version", equalTo("2026-1"));
    }

    @Test
    void art32_anOutdatedAgreementCountsThroughItsGracePeriodOnTheOfficialCalendar() {
        String provider = Platform.registerSignedAgency("市市场监管局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String key = TestKeys.person(9100);
        Platform.push(provider, dataset, Platform.person(key, "钱七", "某路1号"));
        String record = "/api/v1/datasets/" + dataset + "/records/" + key;

        publish("2026-1", today());
        String reader = Platform.registerAgency("市卫生健康委");
        sign(reader, "2026-1").then().statusCode(200);
        asAgency(reader).get(record).then().statusCode(200);

        // A new version in force today: the earlier signature still counts, and its agency is told at once.
        LocalDate graceEnds = calendars.current().await().indefinitely().plusWorkingDays(today(), 30);
        publish("2026-2", today());
        asAgency(reader).get(record).then().statusCode(200);
        asAgency(reader).get("/api/v1/notifications").then().statusCode(200)
                .body("notifications.find { it.subject == 'agreement 2026-2' }.kind", equalTo("AGREEMENT_VERSION"))
                .body("notifications.find { it.subject == 'agreement 2026-2' }.message",
                        containsString("through " + graceEnds));

        // The grace period over: reads refused until the agency signs the version in force.
        sql("UPDATE agreement_versions SET effective_on = effective_on - 60, grace_ends_on = DATE '"
                + today().minusDays(1) + "' WHERE version = '2026-2'");
        sql("UPDATE agreement_versions SET effective_on = effective_on - 90, grace_ends_on = DATE '"
                + today().minusDays(31) + "' WHERE version = '2026-1'");
        assertProblem(asAgency(reader).get(record).then(), 403, "AGREEMENT_REQUIRED")
                .body("detail", containsString("grace period ended on " + today().minusDays(1)));
        // A signature made before versions were published lapses with the first version's grace period.
        assertProblem(asAgency(provider).get(record).then(), 403, "AGREEMENT_REQUIRED");
        sign(reader, "2026-2").then().statusCode(200);
        asAgency(reader).get(record).then().statusCode(200);
    }

    @Test
    void art32_aVersionForALaterDayIsAnnouncedWhenItTakesForce() {
        publish("2026-1", today());
        String agency = Platform.registerAgency("市交通运输局");
        sign(agency, "2026-1").then().statusCode(200);
        publish("2026-2", today().plusDays(5));
        asAgency(agency).get("/api/v1/notifications").then()
                .body("notifications.subject", not(hasItem("agreement 2026-2")));
        announceDue(today().plusDays(5));
        asAgency(agency).get("/api/v1/notifications").then()
                .body("notifications.find { it.subject == 'agreement 2026-2' }.kind", equalTo("AGREEMENT_VERSION"));
    }

    @Test
    void art32_withNoVersionPublishedAnySignatureCountsAsBefore() {
        String provider = Platform.registerSignedAgency("市住建局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String key = TestKeys.person(9101);
        Platform.push(provider, dataset, Platform.person(key, "孙八", "某路2号"));
        String reader = Platform.registerAgency("市应急管理局");
        String record = "/api/v1/datasets/" + dataset + "/records/" + key;
        assertProblem(asAgency(reader).get(record).then(), 403, "AGREEMENT_REQUIRED");
        sign(reader, "2016-1").then().statusCode(200);
        asAgency(reader).get(record).then().statusCode(200);
        asAgency(reader).get("/api/v1/agreements").then().statusCode(200)
                .body("inForce", nullValue()).body("versions.size()", equalTo(0));
    }

    @Inject
    AgreementService service;

    private void announceDue(LocalDate day) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> service.announceDue(day));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static io.restassured.response.Response sign(String agency, String version) {
        return asAgency(agency).contentType(ContentType.JSON)
                .body(Map.of("version", version, "signedBy", "负责人"))
                .post("/api/v1/agencies/" + agency + "/agreement");
    }

    private static void publish(String version, LocalDate effectiveOn) {
        given().auth().oauth2(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("version", version, "title", "平台数据使用与保护协议 " + version, "text", TEXT + version,
                        "effectiveOn", effectiveOn.toString()))
                .post("/api/v1/agreements").then().statusCode(201);
    }

    private LocalDate today() {
        return CityDays.today(clock);
    }

    /** Changes made behind the gateway's back are announced, as the gateway announces its own. */
    private void sql(String statement) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.createStatement().executeUpdate(statement);
        } catch (Exception e) {
            throw new IllegalStateException(statement, e);
        }
        invalidations.publish(Invalidations.Topic.AGENCY, AgencyDirectory.AGREEMENT_VERSIONS).await().indefinitely();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
