package org.cityplatform.exchange.assessment;

import static org.cityplatform.exchange.support.Http.anonymous;
import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.cityplatform.exchange.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Art. 34: the center publishes a year; its report is a public page — no login, no personal data,
 * no script, nothing loaded from elsewhere — rendered here by a real browser (Debian's headless
 * Chromium), which must show the table, the advice and the SVG bars. A screenshot is kept under
 * target/.
 */
@QuarkusTest
class PublishedReportTest {

    private static final String CHROMIUM = "/usr/bin/chromium";

    @TestHTTPResource("/")
    URI base;

    @Test
    void thePublishedYearIsAPublicPageWithTableBarsAdviceAndCsv_Art34() throws Exception {
        String provider = Platform.registerSignedAgency("年报提供方");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        Platform.push(provider, dataset, Platform.person(org.cityplatform.exchange.support.TestKeys.person(8401), "年报", "某地"));
        // This year so far: the fixture above is in it, so bars have length.
        int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();

        assertProblem(asAgency(provider).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/assessment/" + year + "/publish").then(), 403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(Map.of("advice", Map.of("NOBODY", "x")))
                .post("/api/v1/assessment/" + year + "/publish").then(), 400, "INVALID_REQUEST");
        anonymous().get("/assessment/" + year).then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("尚未发布"));

        as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("advice", Map.of(provider, "请按日更新周期及时推送数据，并完善数据说明。")))
                .post("/api/v1/assessment/" + year + "/publish").then().statusCode(201)
                .body("year", equalTo(year));
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/assessment/" + year + "/publish").then(), 409, "INVALID_STATE");

        String html = anonymous().get("/assessment/" + year).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertFalse(html.contains("<script"), "no script");
        assertFalse(Pattern.compile("(src|href)=\"https?://").matcher(html).find(), "nothing loaded from elsewhere");
        assertFalse(html.contains("某地"), "no record contents, no personal data");

        String csv = anonymous().get("/assessment/" + year + ".csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.contains(provider + ",\"年报提供方\""), csv.lines().limit(3).toList().toString());
        assertTrue(csv.contains("请按日更新周期及时推送数据"));

        // A real browser renders it.
        String url = base.resolve("/assessment/" + year).toString();
        String dom = chromium("--dump-dom", url);
        assertTrue(dom.contains(year + " 年度政务数据共享考核结果"), dom.substring(0, Math.min(500, dom.length())));
        assertTrue(dom.contains("年报提供方（" + provider + "）"), "the table names the agency");
        assertTrue(dom.contains("请按日更新周期及时推送数据"), "the advice is shown");
        for (String chart : List.of("timeliness", "usage", "objections")) {
            assertTrue(dom.contains("id=\"chart-" + chart + "\""), "chart " + chart + " is drawn");
        }
        List<Integer> widths = new ArrayList<>();
        Matcher bar = Pattern.compile("<rect class=\"bar\"[^>]*width=\"(\\d+)\"").matcher(dom);
        while (bar.find()) {
            widths.add(Integer.parseInt(bar.group(1)));
        }
        assertTrue(widths.size() >= 3, "every chart has a bar per agency: " + widths.size());
        assertTrue(widths.stream().anyMatch(w -> w > 0), "and some bars have length");

        Path shot = Path.of("target", "assessment-" + year + ".png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium("--screenshot=" + shot, "--window-size=1280,1600", url);
        assertTrue(Files.size(shot) > 10_000, "a screenshot of the rendered page: " + shot);
    }

    private static String chromium(String... arguments) throws Exception {
        assertTrue(Files.isExecutable(Path.of(CHROMIUM)),
                CHROMIUM + " is missing: deploy/local/test.sh installs Debian's chromium package");
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS), "chromium did not finish");
        assertEquals(0, process.exitValue(), "chromium failed");
        return new String(out, StandardCharsets.UTF_8);
    }
}
