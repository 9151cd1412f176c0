package org.cityplatform.exchange.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.GatewayProcess;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md, "Backpressure both ways": memory stays flat whatever the size of a push or an
 * export. The packaged gateway runs with a 256 MB heap and takes a push far larger than its heap,
 * then streams a million rows back.
 */
class SmallHeapIT {

    private static final int RECORDS = 1_000_000;

    @Test
    void aPushLargerThanTheHeapAndAMillionRowExportRunInA256MbHeap() throws Exception {
        Map<String, String> env = Map.of(
                "QUARKUS_PROFILE", "test",
                "QUARKUS_FLYWAY_CLEAN_AT_START", "false",
                "QUARKUS_HTTP_PORT", "18095");
        try (GatewayProcess gateway = GatewayProcess.start(18095, env, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError")) {
            gateway.awaitLive(Duration.ofSeconds(120));
            String base = gateway.baseUrl();
            String provider = TestCodes.creditCode();
            call(base, "POST", "/api/v1/agencies", Tokens.center(),
                    "{\"code\":\"" + provider + "\",\"name\":\"大数据测试\",\"kind\":\"ADMINISTRATIVE\"}", 201);
            call(base, "POST", "/api/v1/agencies/" + provider + "/agreement", Tokens.agency(provider),
                    "{\"signedBy\":\"test\",\"version\":\"2016-1\"}", 200);
            String dataset = TestCodes.datasetCode("heap");
            call(base, "POST", "/api/v1/datasets", Tokens.center(), "{\"code\":\"" + dataset + "\",\"name\":\"人口\","
                    + "\"provider\":\"" + provider + "\",\"subjectType\":\"PERSON\",\"sharingClass\":\"UNCONDITIONAL\","
                    + "\"updateCycle\":\"DAILY\",\"fields\":[{\"name\":\"name\",\"type\":\"STRING\",\"required\":true},"
                    + "{\"name\":\"address\",\"type\":\"STRING\"}]}", 201);

            long bytes = push(base, provider, dataset);
            assertTrue(bytes > 200L * 1024 * 1024, "pushed only " + bytes + " bytes");
            assertEquals(RECORDS, exportedLines(base, provider, dataset));
            assertTrue(gateway.process().isAlive(), "the gateway died:\n" + gateway.output());
        }
    }

    /** Streams generated records straight from a loop to the socket: the test holds none of them. */
    private static long push(String base, String provider, String dataset) throws Exception {
        HttpURLConnection c = open(base, "POST", "/api/v1/datasets/" + dataset + "/records", Tokens.agency(provider));
        c.setRequestProperty("Content-Type", "application/x-ndjson");
        c.setChunkedStreamingMode(256 * 1024);
        c.setReadTimeout(600_000);
        long bytes = 0;
        String address = "某某省某某市某某区人民路".repeat(6);
        try (OutputStream out = new java.io.BufferedOutputStream(c.getOutputStream(), 256 * 1024)) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] line = ("{\"key\":\"" + TestKeys.person(i) + "\",\"data\":{\"name\":\"居民" + i
                        + "\",\"address\":\"" + address + i + "号\"}}\n").getBytes(StandardCharsets.UTF_8);
                out.write(line);
                bytes += line.length;
            }
        }
        assertEquals(200, c.getResponseCode());
        JsonPath summary = JsonPath.from(new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(RECORDS, summary.getInt("accepted"));
        assertEquals(0, summary.getInt("rejected"));
        return bytes;
    }

    private static long exportedLines(String base, String provider, String dataset) throws Exception {
        HttpURLConnection c = open(base, "GET", "/api/v1/datasets/" + dataset + "/export", Tokens.agency(provider));
        c.setReadTimeout(600_000);
        assertEquals(200, c.getResponseCode());
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = c.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    private static void call(String base, String method, String path, String token, String json, int status)
            throws Exception {
        HttpURLConnection c = open(base, method, path, token);
        c.setRequestProperty("Content-Type", "application/json");
        c.setDoOutput(true);
        try (OutputStream out = c.getOutputStream()) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(status, c.getResponseCode(), path);
    }

    private static HttpURLConnection open(String base, String method, String path, String token) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        c.setRequestMethod(method);
        c.setDoOutput(method.equals("POST"));
        c.setRequestProperty("Authorization", "Bearer " + token);
        return c;
    }

}
