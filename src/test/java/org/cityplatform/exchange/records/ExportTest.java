package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.cityplatform.exchange.support.DatabaseSessions;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/api.md, "Records": export, the whole dataset as one consistent snapshot for batch clients. */
@QuarkusTest
class ExportTest {

    private String provider;
    private String dataset;

    @BeforeEach
    void aDatasetWithRecords() {
        provider = Platform.registerSignedAgency("市住建委");
        dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            body.append("{\"key\":\"").append(TestKeys.person(i)).append("\",\"data\":{\"name\":\"住户").append(i)
                    .append("\",\"birthDate\":\"1950-01-01\"}}\n");
        }
        body.append("{\"key\":\"").append(TestKeys.person(30))
                .append("\",\"data\":{\"name\":\"He said \\\"hi\\\", then\\nleft\",\"address\":\"北京路1号\"}}\n");
        push(body.toString());
        push("{\"key\":\"" + TestKeys.person(0) + "\",\"deleted\":true}\n");
    }

    private void push(String body) {
        asAgency(provider).contentType("application/x-ndjson").body(body)
                .post("/api/v1/datasets/" + dataset + "/records").then().statusCode(200);
    }

    private String exportPath() {
        return "/api/v1/datasets/" + dataset + "/export";
    }

    @Test
    void ndjsonExportHasEveryCurrentRecordAndNoRemovedOne() {
        Response response = asAgency(provider).accept("application/x-ndjson").get(exportPath());
        response.then().statusCode(200).contentType("application/x-ndjson");
        assertNotNull(response.header("X-Export-Cursor"));
        List<String> lines = response.asString().lines().toList();
        assertEquals(30, lines.size());
        JsonPath one = JsonPath.from(lines.stream().filter(l -> l.contains(TestKeys.person(5))).findFirst().orElseThrow());
        assertEquals("住户5", one.getString("data.name"));
        assertEquals(1, one.getInt("version"));
        assertNotNull(one.getString("updatedAt"));
        assertTrue(lines.stream().noneMatch(l -> l.contains(TestKeys.person(0))));
    }

    @Test
    void csvExportQuotesAsRfc4180AndIsUtf8() {
        Response response = asAgency(provider).accept("text/csv").get(exportPath());
        response.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        String csv = new String(response.asByteArray(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("key,name,birthDate,address\r\n"), csv.substring(0, 60));
        assertTrue(csv.contains(TestKeys.person(30) + ",\"He said \"\"hi\"\", then\nleft\",,北京路1号\r\n"), csv);
        assertTrue(csv.contains(TestKeys.person(7) + ",住户7,1950-01-01,\r\n"));
    }

    @Test
    void exportsAreCompressedWhenTheClientAsks() throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + io.restassured.RestAssured.port + exportPath()).toURL().openConnection();
        c.setRequestProperty("Authorization", "Bearer " + Tokens.agency(provider));
        c.setRequestProperty("Accept-Encoding", "gzip");
        assertEquals(200, c.getResponseCode());
        assertEquals("gzip", c.getHeaderField("Content-Encoding"));
        try (InputStream in = new GZIPInputStream(c.getInputStream())) {
            assertEquals(30, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().count());
        }
    }

    @Test
    void theExportCursorContinuesWithTheChangeFeedWithoutAGap() {
        String cursor = asAgency(provider).get(exportPath()).then().statusCode(200).extract().header("X-Export-Cursor");
        push("{\"key\":\"" + TestKeys.person(99) + "\",\"data\":{\"name\":\"after the export\"}}\n");
        List<String> keys = asAgency(provider).queryParam("since", cursor).get("/api/v1/datasets/" + dataset + "/changes")
                .then().statusCode(200).extract().jsonPath().getList("changes.key");
        assertTrue(keys.contains(TestKeys.person(99)), keys.toString());
    }

    @Test
    void anExportSinceACursorHasOnlyLaterChangesIncludingRemovals() {
        String cursor = asAgency(provider).get(exportPath()).then().extract().header("X-Export-Cursor");
        push("{\"key\":\"" + TestKeys.person(3) + "\",\"deleted\":true}\n"
                + "{\"key\":\"" + TestKeys.person(98) + "\",\"data\":{\"name\":\"new\"}}\n");
        List<String> lines = asAgency(provider).queryParam("since", cursor).get(exportPath()).then().statusCode(200)
                .extract().asString().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains(TestKeys.person(3)) && l.contains("\"deleted\":true")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains(TestKeys.person(98)) && l.contains("\"deleted\":false")));
        assertTrue(lines.stream().noneMatch(l -> l.contains(TestKeys.person(7) + "\"")));
    }

    @Test
    void anUnsupportedAcceptIsNotAcceptable() {
        assertProblem(asAgency(provider).accept("application/xml").get(exportPath()).then(), 406, "NOT_ACCEPTABLE");
    }

    @Test
    void aClientThatLeavesMidExportLeavesNoDatabaseConnectionBusy() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 1000; i < 31_000; i++) {
            body.append("{\"key\":\"").append(TestKeys.person(i)).append("\",\"data\":{\"name\":\"")
                    .append("批量".repeat(100)).append("\"}}\n");
        }
        push(body.toString());
        HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + io.restassured.RestAssured.port + exportPath()).toURL().openConnection();
        c.setRequestProperty("Authorization", "Bearer " + Tokens.agency(provider));
        InputStream in = c.getInputStream();
        byte[] some = in.readNBytes(64 * 1024);
        assertEquals(64 * 1024, some.length);
        // The export is now paused on a full socket, holding its transaction open.
        assertTrue(DatabaseSessions.exportsInProgress() >= 1, "the export should hold a transaction");
        c.disconnect();
        in.close();
        long deadline = System.currentTimeMillis() + 10_000;
        while (DatabaseSessions.exportsInProgress() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, DatabaseSessions.exportsInProgress(), "the export's connection is still busy");
    }

    @Test
    void readersOtherThanTheProviderFollowTheSharingClass_Art17() {
        String reader = Platform.registerSignedAgency("市教育局");
        asAgency(reader).get(exportPath()).then().statusCode(200);
        String unsigned = Platform.registerAgency("市体育局");
        assertProblem(asAgency(unsigned).get(exportPath()).then(), 403, "AGREEMENT_REQUIRED");
        String conditional = Platform.registerPersonDataset(provider, "CONDITIONAL");
        assertProblem(asAgency(reader).get("/api/v1/datasets/" + conditional + "/export").then(), 403, "NO_GRANT");
        assertProblem(org.cityplatform.exchange.support.Http.as(Tokens.ops()).get(exportPath()).then(), 403, "FORBIDDEN_ROLE");
        assertProblem(org.cityplatform.exchange.support.Http.as(Tokens.center()).get(exportPath()).then(), 403, "NO_GRANT");
        assertProblem(io.restassured.RestAssured.given().get(exportPath()).then(), 401, "UNAUTHENTICATED");
    }
}
