package org.cityplatform.exchange.opendata;

import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import org.cityplatform.exchange.support.TestKeys;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.Http;
import org.cityplatform.exchange.support.Platform;
import org.junit.jupiter.api.Test;

/** Open data is for everyone, so it is metered per client address (Art. 23, 25; docs/api.md "Open data"). */
@QuarkusTest
@TestProfile(OpenDataProfile.class)
class OpenDataRateLimitTest {

    @Test
    void moreThanSixtyRequestsAMinuteFromOneAddressAre429WithRetryAfter() {
        Response refused = null;
        int allowed = 0;
        // A token comes back every second, so a slow run may get a few more than 60 through.
        for (int i = 0; i < 120 && refused == null; i++) {
            Response r = from("192.0.2.10").get("/open/v1/datasets");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                r.then().statusCode(200);
                allowed++;
            }
        }
        assertTrue(refused != null, "requests beyond 60 a minute should be refused");
        assertTrue(allowed >= 60, "a burst of 60 is allowed, " + allowed + " were");
        assertProblem(refused.then(), 429, "RATE_LIMITED");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        // Another address is not affected.
        from("192.0.2.11").get("/open/v1/datasets").then().statusCode(200);
    }

    @Test
    void exportsAreLimitedPerAddressAndMinute() {
        String provider = Platform.registerSignedAgency("市统计局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        Platform.openPersonData(provider, dataset, Map.of("fields", List.of("name")));
        String path = "/open/v1/datasets/" + dataset + "/export";
        for (int i = 0; i < OpenDataProfile.EXPORTS_PER_MINUTE; i++) {
            from("192.0.2.20").get(path).then().statusCode(200);
        }
        Response refused = from("192.0.2.20").get(path);
        assertProblem(refused.then(), 429, "RATE_LIMITED");
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        from("192.0.2.21").get(path).then().statusCode(200);
    }

    @Test
    void atMostTwoExportsRunAtOnceFromOneAddress_andAClientThatLeavesFreesItsSlot() throws Exception {
        String provider = Platform.registerSignedAgency("市档案局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            body.append("{\"key\":\"").append(TestKeys.person(i)).append("\",\"data\":{\"name\":\"")
                    .append("档案".repeat(100)).append("\"}}\n");
        }
        Platform.push(provider, dataset, body.toString());
        Platform.openPersonData(provider, dataset, Map.of("fields", List.of("name")));
        String path = "/open/v1/datasets/" + dataset + "/export";

        HttpURLConnection first = slowReader(path);
        HttpURLConnection second = slowReader(path);
        Response third = from("192.0.2.30").get(path);
        assertProblem(third.then(), 429, "RATE_LIMITED");
        assertEquals("5", third.header("Retry-After"));

        first.disconnect();
        second.disconnect();
        long deadline = System.currentTimeMillis() + 10_000;
        int status;
        do {
            Thread.sleep(200);
            status = from("192.0.2.30").get(path).statusCode();
        } while (status == 429 && System.currentTimeMillis() < deadline);
        assertEquals(200, status, "the slots of clients that left are free again");
    }

    /** An export whose client read its first 64 KB and then stopped reading: it stays running. */
    private static HttpURLConnection slowReader(String path) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + RestAssured.port + path).toURL()
                .openConnection();
        c.setRequestProperty("X-Forwarded-For", "192.0.2.30");
        InputStream in = c.getInputStream();
        assertEquals(200, c.getResponseCode());
        assertEquals(64 * 1024, in.readNBytes(64 * 1024).length);
        return c;
    }

    private static io.restassured.specification.RequestSpecification from(String address) {
        return Http.anonymous().header("X-Forwarded-For", address);
    }
}
