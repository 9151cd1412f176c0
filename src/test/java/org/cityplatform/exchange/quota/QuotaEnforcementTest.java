package org.cityplatform.exchange.quota;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/api.md, "Quotas": over its quota an agency's data requests are refused with 429 RATE_LIMITED and Retry-After. */
@QuarkusTest
class QuotaEnforcementTest {

    private String provider;
    private String reader;
    private String dataset;
    private final String key = TestKeys.person(8001);

    @BeforeEach
    void anUnconditionalDatasetReadByTwoAgencies() {
        provider = Platform.registerSignedAgency("市公积金中心");
        reader = Platform.registerSignedAgency("市税务局");
        dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        Platform.push(provider, dataset, Platform.person(key, "李娜", "人民路1号"));
    }

    private static void setQuota(String agency, int requestsPerSecond, int concurrentExports) {
        as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("requestsPerSecond", requestsPerSecond, "concurrentExports", concurrentExports))
                .put("/api/v1/agencies/" + agency + "/quota").then().statusCode(200);
    }

    private Response lookup(String agency) {
        return asAgency(agency).get("/api/v1/datasets/" + dataset + "/records/" + key);
    }

    /** Waits for the start of a second, so that a short burst falls in one window. */
    private static void startOfASecond() throws InterruptedException {
        Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 5);
    }

    @Test
    void anAgencyOverItsRequestsPerSecondIsRefusedWithRetryAfterWhileAnotherAgencyIsNot() throws Exception {
        setQuota(provider, 5, 4);
        startOfASecond();
        int admitted = 0;
        Response refused = null;
        for (int i = 0; i < 30 && refused == null; i++) {
            Response r = lookup(provider);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                r.then().statusCode(200);
                admitted++;
            }
        }
        assertNotNull(refused, "a burst beyond 5 lookups a second is refused");
        // 5 in the window; 10 at most should the burst have crossed into the next second.
        assertTrue(admitted >= 5 && admitted <= 10, admitted + " lookups were admitted");
        assertProblem(refused.then(), 429, "RATE_LIMITED").body("retryAfter", equalTo(1));
        assertEquals("1", refused.header("Retry-After"), "the next window starts within a second");

        // Another agency reading the same dataset at the same moment is not affected.
        lookup(reader).then().statusCode(200);
        // Management endpoints are not limited.
        asAgency(provider).get("/api/v1/agencies/" + provider + "/quota").then().statusCode(200);

        Thread.sleep(1100);
        lookup(provider).then().statusCode(200);
    }

    /** The request, made in the same second as a lookup that used the agency's one request a second. */
    private io.restassured.response.ValidatableResponse overQuota(
            java.util.function.Supplier<Response> request) throws InterruptedException {
        // Each pair starts a second of its own: on a loaded machine six requests may not fit in one.
        startOfASecond();
        lookup(provider).then().statusCode(200);
        return assertProblem(request.get().then(), 429, "RATE_LIMITED").header("Retry-After", "1");
    }

    @Test
    void theLimitCoversEveryDataRouteAndARefusalIsAuditedWithItsCode() throws Exception {
        setQuota(provider, 1, 4);
        String requestId = UUID.randomUUID().toString();
        overQuota(() -> asAgency(provider).header("X-Request-Id", requestId).get("/api/v1/datasets/" + dataset + "/changes"));
        overQuota(() -> asAgency(provider).get("/api/v1/datasets/" + dataset + "/export"));
        overQuota(() -> asAgency(provider).get("/api/v1/subjects/" + key));
        overQuota(() -> asAgency(provider).contentType("application/x-ndjson").body(Platform.person(key, "李娜", "新地址"))
                .post("/api/v1/datasets/" + dataset + "/records"));
        overQuota(() -> lookup(provider));

        Map<String, String> event = auditEvent(requestId);
        assertEquals("CHANGES", event.get("action"));
        assertEquals("DENIED", event.get("outcome"));
        assertEquals("RATE_LIMITED", event.get("code"));
        assertEquals(provider, event.get("agency"));
        String metrics = RestAssured.get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("exchange_quota_refused_total{kind=\"requests\"}"), "refusals are counted");
    }

    @Test
    void theCenterIsNotLimitedByAnyAgencysQuota() throws Exception {
        setQuota(provider, 1, 1);
        startOfASecond();
        for (int i = 0; i < 5; i++) {
            as(Tokens.center()).get("/api/v1/datasets/" + dataset + "/changes").then().statusCode(403);
        }
    }

    @Test
    void aCapOfOneExportRefusesASecondSimultaneousExportUntilTheFirstEnds() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 1000; i < 31_000; i++) {
            body.append("{\"key\":\"").append(TestKeys.person(i)).append("\",\"data\":{\"name\":\"")
                    .append("批量".repeat(100)).append("\"}}\n");
        }
        Platform.push(provider, dataset, body.toString());
        setQuota(provider, 1000, 1);

        HttpURLConnection first = openExport(provider);
        assertEquals(200, first.getResponseCode());
        InputStream in = first.getInputStream();
        assertEquals(64 * 1024, in.readNBytes(64 * 1024).length);
        // The first export is now paused on a full socket, holding the agency's only slot.
        Response second = asAgency(provider).get("/api/v1/datasets/" + dataset + "/export");
        assertProblem(second.then(), 429, "RATE_LIMITED");
        assertTrue(Long.parseLong(second.header("Retry-After")) >= 1);
        String metrics = RestAssured.get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("exchange_quota_refused_total{kind=\"exports\"}"), "refused exports are counted");

        // Another agency's export runs meanwhile.
        HttpURLConnection other = openExport(reader);
        assertEquals(200, other.getResponseCode());
        other.disconnect();

        first.disconnect();
        in.close();
        long deadline = System.currentTimeMillis() + 10_000;
        int status;
        do {
            Thread.sleep(100);
            HttpURLConnection again = openExport(provider);
            status = again.getResponseCode();
            again.disconnect();
        } while (status == 429 && System.currentTimeMillis() < deadline);
        assertEquals(200, status, "the slot of an export whose client left is given back");
    }

    private HttpURLConnection openExport(String agency) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + RestAssured.port
                + "/api/v1/datasets/" + dataset + "/export").toURL().openConnection();
        c.setRequestProperty("Authorization", "Bearer " + Tokens.agency(agency));
        return c;
    }

    private static Map<String, String> auditEvent(String requestId) throws Exception {
        org.cityplatform.exchange.support.AuditShipped.await();
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT action, outcome, code, agency FROM audit_events WHERE request_id = ?")) {
            statement.setString(1, requestId);
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next(), "the refusal is in the audit trail");
                return Map.of("action", rows.getString(1), "outcome", rows.getString(2), "code", rows.getString(3),
                        "agency", rows.getString(4));
            }
        }
    }
}
