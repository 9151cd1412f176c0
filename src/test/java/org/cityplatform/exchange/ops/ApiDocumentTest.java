package org.cityplatform.exchange.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cityplatform.exchange.problem.ProblemCode;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md is the contract in the repository; the served OpenAPI document is the contract the
 * running gateway states. They must list the same endpoints: adding or removing one without the
 * page fails here. The page's endpoint table has one row per endpoint, starting
 * {@code | `METHOD` | `/path` |}; rows under {@code /q/} are the operations endpoints, which the
 * OpenAPI document does not describe: those must answer instead.
 */
@QuarkusTest
class ApiDocumentTest {

    static final Path PAGE = Path.of("docs/api.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)` \\| `(/[^`]*)` \\|",
            Pattern.MULTILINE);
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch", "head", "options");

    @Test
    void everyServedOperationIsInThePageAndEveryRowOfThePageIsServed() throws IOException {
        Set<String> served = servedOperations();
        Set<String> documented = new TreeSet<>();
        for (String row : documentedRows()) {
            if (!row.contains(" /q/")) {
                documented.add(row);
            }
        }
        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> notServed = new TreeSet<>(documented);
        notServed.removeAll(served);
        assertTrue(undocumented.isEmpty() && notServed.isEmpty(),
                "docs/api.md and /q/openapi disagree.\n  served but missing from the page's endpoint table: "
                        + undocumented + "\n  in the table but not served: " + notServed);
    }

    @Test
    void theOperationsEndpointsOfThePageAnswer() throws IOException {
        Set<String> ops = new TreeSet<>();
        for (String row : documentedRows()) {
            if (row.contains(" /q/")) {
                ops.add(row);
            }
        }
        assertFalse(ops.isEmpty(), "docs/api.md lists no operations endpoint under /q/");
        for (String row : ops) {
            String[] parts = row.split(" ", 2);
            assertEquals("GET", parts[0], "operations endpoints are read with GET: " + row);
            assertNotEquals(404, given().redirects().follow(false).get(parts[1]).statusCode(), row + " is not served");
        }
    }

    @Test
    void everyProblemCodeIsInThePageWithItsStatus() throws IOException {
        String page = Files.readString(PAGE);
        for (ProblemCode code : ProblemCode.values()) {
            Pattern row = Pattern.compile("^\\| " + code.status() + " \\| `" + code.name() + "` \\|", Pattern.MULTILINE);
            assertTrue(row.matcher(page).find(),
                    "docs/api.md lacks the row \"| " + code.status() + " | `" + code.name() + "` |\" in its problem codes");
        }
    }

    /** "METHOD /path" for every operation of the served document. */
    private static Set<String> servedOperations() throws IOException {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode paths = new ObjectMapper().readTree(json).path("paths");
        Set<String> served = new TreeSet<>();
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String path = it.next();
            for (Iterator<String> ops = paths.path(path).fieldNames(); ops.hasNext(); ) {
                String method = ops.next();
                if (METHODS.contains(method)) {
                    served.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        assertFalse(served.isEmpty(), "the served OpenAPI document lists no operation");
        return served;
    }

    /** "METHOD /path" for every row of the page's endpoint table; a row given twice fails. */
    static Set<String> documentedRows() throws IOException {
        Matcher m = ROW.matcher(Files.readString(PAGE));
        Set<String> rows = new TreeSet<>();
        while (m.find()) {
            String row = m.group(1) + " " + m.group(2);
            assertTrue(rows.add(row), "docs/api.md lists " + row + " twice");
        }
        return rows;
    }
}
