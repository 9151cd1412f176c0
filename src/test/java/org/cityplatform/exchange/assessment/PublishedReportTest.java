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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.regex.Pattern;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.Tokens;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

/**
 * Art. 34: the center publishes a year; its report is a public page — no login, no personal data,
 * no script, nothing loaded from elsewhere — rendered here by a real browser (Debian's headless
 * Chromium), which must show the title, the Beijing time of publication, the table with what its
 * columns mean, the publisher and contact, the advice and the SVG bars (highest first), with no
 * request leaving the page. The table is checked for accessibility (language, caption, header cells,
 * named images) and its column headers for breaking mid-word. A screenshot is kept under target/.
 */
@QuarkusTest
class PublishedReportTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    /** A year no test publishes: its page is the one of a year not published. */
    private static final int NEVER_PUBLISHED = 2005;

    @TestHTTPResource("/")
    URI base;

    @Test
    void thePublishedYearIsAPublicPageWithTableBarsAdviceAndCsv_Art34() throws Exception {
        String provider = Platform.registerSignedAgency("年报提供方");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        Platform.push(provider, dataset, Platform.person(org.cityplatform.exchange.support.TestKeys.person(8401), "年报", "某地"));
        // This year so far, as an interim report: the fixture above is in it, so bars have length.
        int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();

        assertProblem(asAgency(provider).contentType(ContentType.JSON).body(Map.of("interim", true))
                .post("/api/v1/assessment/" + year + "/publish").then(), 403, "FORBIDDEN_ROLE");
        assertProblem(as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("interim", true, "advice", Map.of("NOBODY", "x")))
                .post("/api/v1/assessment/" + year + "/publish").then(), 400, "INVALID_REQUEST");
        anonymous().get("/assessment/" + NEVER_PUBLISHED).then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("尚未发布"));

        String publishedAt = as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("interim", true, "advice", Map.of(provider, "请按日更新周期及时推送数据，并完善数据说明。")))
                .post("/api/v1/assessment/" + year + "/publish").then().statusCode(201)
                .body("year", equalTo(year)).body("interim", equalTo(true))
                .extract().path("publishedAt");
        String beijing = PublicationRulesTest.beijingMinute(publishedAt);

        io.restassured.response.Response answer = anonymous().get("/assessment/" + year);
        String html = answer.then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertFalse(html.contains("<script"), "no script");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "nothing loaded from elsewhere");
        assertFalse(html.contains("某地"), "no record contents, no personal data");
        String policy = answer.header("Content-Security-Policy");
        assertTrue(policy != null && policy.contains("default-src 'none'") && !policy.contains("script-src"),
                "the browser is told to load nothing and run no script: " + policy);
        accessible(Jsoup.parse(html));

        String csv = anonymous().get("/assessment/" + year + ".csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertTrue(csv.contains(provider + ",\"年报提供方\""), csv.lines().limit(3).toList().toString());
        assertTrue(csv.contains("请按日更新周期及时推送数据"));

        // A real browser renders it, and asks for nothing outside the gateway.
        String url = base.resolve("/assessment/" + year).toString();
        Path netLog = Files.createTempFile("assessment-net", ".json");
        String dom = chromium("--log-net-log=" + netLog, "--window-size=1280,1600", "--dump-dom", url);
        assertNoRequestLeaves(netLog, base);
        Document rendered = Jsoup.parse(dom);
        String text = rendered.text();
        assertEquals(year + " 年度政务数据共享考核结果（中期报告）", rendered.selectFirst("h1").text(), dom.substring(0, 300));
        assertTrue(text.contains("发布时间：" + beijing), "published in Beijing time to the minute: " + beijing);
        assertFalse(Pattern.compile("\\d{2}:\\d{2}:\\d{2}").matcher(text).find(), "no seconds, no raw timestamp");
        assertTrue(text.contains("年报提供方（" + provider + "）"), "the table names the agency");
        assertTrue(text.contains("请按日更新周期及时推送数据"), "the advice is shown");
        for (String heading : List.of("各部门考核数据", "各列含义", "与上一年度相比", "书面批评", "改进意见")) {
            assertTrue(rendered.select("h2, h3").eachText().contains(heading), "section " + heading);
        }
        assertEquals(rendered.select("#figures thead th").eachText(), rendered.select("#definitions dt").eachText(),
                "every column is explained under the table");
        assertTrue(text.contains("国务院《政务信息资源共享管理暂行办法》（国发〔2016〕51号）"),
                "the 10 working days for an application's answer name their source");
        assertEquals("本年度无书面批评。", rendered.getElementById("criticisms").text());
        assertEquals("发布单位：市大数据管理中心", rendered.getElementById("publisher").text());
        assertTrue(rendered.getElementById("contact").text().startsWith("联系方式："));
        assertTrue(rendered.getElementById("formula") == null, "no scores this year, so no formula");

        for (String chart : List.of("timeliness", "usage", "objections")) {
            List<Long> widths = rendered.select("svg#chart-" + chart + " rect.bar").stream()
                    .map(r -> Long.parseLong(r.attr("width"))).toList();
            assertTrue(widths.size() >= 1, "chart " + chart + " is drawn with a bar per agency");
            for (int i = 1; i < widths.size(); i++) {
                assertTrue(widths.get(i - 1) >= widths.get(i), "chart " + chart + " runs from the highest value: " + widths);
            }
        }
        assertTrue(rendered.select("rect.bar").stream().anyMatch(r -> !r.attr("width").equals("0")),
                "and some bars have length");

        assertHeadersDoNotBreak(html);

        Path shot = Path.of("target", "assessment-" + year + ".png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium("--screenshot=" + shot, "--window-size=1280,1600", url);
        assertTrue(Files.size(shot) > 10_000, "a screenshot of the rendered page: " + shot);
    }

    /**
     * What a screen reader needs of the page: its language, a caption for every table, every column
     * header a th with scope col and every row headed by a th with scope row, and a name for every
     * chart.
     */
    private static void accessible(Document page) {
        assertEquals("zh-CN", page.selectFirst("html").attr("lang"), "the page's language");
        assertFalse(page.title().isBlank(), "a title");
        Elements tables = page.select("table");
        assertTrue(tables.size() >= 2, "the figures and the changes");
        for (Element table : tables) {
            String id = table.id();
            Element caption = table.selectFirst("caption");
            assertTrue(caption != null && !caption.text().isBlank(), "table " + id + " has a caption");
            assertTrue(table.child(0).tagName().equals("caption"), "table " + id + ": the caption comes first");
            Elements headers = table.select("thead th");
            assertFalse(headers.isEmpty(), "table " + id + " has column headers");
            headers.forEach(th -> assertEquals("col", th.attr("scope"), "table " + id + ": " + th.text()));
            assertTrue(table.select("thead td").isEmpty(), "table " + id + ": headers are th");
            for (Element row : table.select("tbody tr")) {
                Elements rowHeaders = row.select("th");
                assertEquals(1, rowHeaders.size(), "table " + id + ": each row has one row header: " + row);
                assertEquals("row", rowHeaders.first().attr("scope"), "table " + id + ": " + row);
            }
        }
        for (Element svg : page.select("svg")) {
            assertEquals("img", svg.attr("role"), "chart " + svg.id() + " is an image");
            assertFalse(svg.attr("aria-label").isBlank(), "chart " + svg.id() + " has a name");
            assertTrue(svg.selectFirst("title") != null, "chart " + svg.id() + " has a title");
        }
        assertTrue(page.select("img").stream().allMatch(img -> img.hasAttr("alt")), "every image has alt text");
    }

    /**
     * Renders the page with a probe that counts the lines each column header takes (the page itself
     * runs no script: the probe goes into a copy opened from a file) and asserts one line each.
     */
    private static void assertHeadersDoNotBreak(String html) throws Exception {
        String probe = "<script>var broken=[];document.querySelectorAll('thead th').forEach(function(th){"
                + "var r=document.createRange();r.selectNodeContents(th);"
                + "var tops=new Set(Array.from(r.getClientRects()).map(function(x){return Math.round(x.top);}));"
                + "if(tops.size>1){broken.push(th.textContent);}});"
                + "document.body.setAttribute('data-broken-headers', broken.join('|'));"
                + "document.body.setAttribute('data-headers', document.querySelectorAll('thead th').length);</script>";
        Path copy = Files.createTempFile("assessment-probe", ".html");
        Files.writeString(copy, html.replace("</body>", probe + "</body>"), StandardCharsets.UTF_8);
        for (String width : List.of("1280,1600", "800,1600")) {
            Document probed = Jsoup.parse(chromium("--window-size=" + width, "--dump-dom", copy.toUri().toString()));
            Element body = probed.body();
            assertTrue(Integer.parseInt(body.attr("data-headers")) > 10, "the probe ran: " + body.attributes());
            assertEquals("", body.attr("data-broken-headers"), "headers broken across lines at " + width);
        }
    }

    /** Every request the page itself made (its initiator is the gateway) went to the gateway. */
    private static void assertNoRequestLeaves(Path netLog, URI base) throws Exception {
        JsonNode log = new ObjectMapper().readTree(netLog.toFile());
        int startJob = log.path("constants").path("logEventTypes").path("URL_REQUEST_START_JOB").asInt(-1);
        assertTrue(startJob >= 0, "a Chromium net log");
        String origin = base.getScheme() + "://" + base.getAuthority();
        List<String> made = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (JsonNode event : log.path("events")) {
            JsonNode params = event.path("params");
            if (event.path("type").asInt() == startJob && origin.equals(params.path("initiator").asText())) {
                String requested = params.path("url").asText();
                made.add(requested);
                if (!requested.startsWith(origin + "/")) {
                    elsewhere.add(requested);
                }
            }
        }
        assertTrue(elsewhere.isEmpty(), "the page asked for " + elsewhere + " among " + made);
        Files.deleteIfExists(netLog);
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
