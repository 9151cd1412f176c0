package org.cityplatform.exchange.audit;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * docs/audit.md, "Bulk reads": asked who read a person (Art. 31), the trail also names the change
 * pages and exports by which the person's key left the platform, each marked {@code bulk} — those
 * that carried the key, and not the ones that did not.
 */
@QuarkusTest
class BulkReadsInTheTrailTest {

    private static final String AUDIT = "/api/v1/audit";

    @Test
    void whoReadThisPersonListsTheExportThatCarriedTheKeyAndNotTheOneBefore_Art31() {
        Parties p = Parties.of("市公安局人口库", "市民政局核对");
        String provider = p.provider(), consumer = p.consumer(), dataset = p.dataset();
        String early = TestKeys.person(number());
        String late = TestKeys.person(number());
        Platform.push(provider, dataset, Platform.person(early, "钱一", "某路1号"));

        String before = export(consumer, dataset, null).header("X-Request-Id");
        Platform.push(provider, dataset, Platform.person(late, "孙二", "某路2号"));
        String after = export(consumer, dataset, null).header("X-Request-Id");

        JsonPath lateReaders = trail(late);
        assertEquals(List.of(after, after), lateReaders.getList("events.requestId"),
                "both events of the export taken after the key arrived (its start and its end), not the one before");
        assertEquals(List.of("EXPORT", "EXPORT"), lateReaders.getList("events.action"));
        assertEquals(List.of(true, true), lateReaders.getList("events.bulk"));
        assertEquals(List.of(List.of(), List.of()), lateReaders.getList("events.subjects"),
                "a bulk read names no single subject: it is found by what it carried");
        assertEquals(List.of(after, after, before, before), trail(early).getList("events.requestId"));
    }

    @Test
    void aRemovedKeyIsNotInExportsTakenWhileItWasGoneAndIsAgainOnceItReturns_Art31() {
        Parties p = Parties.of("市人社局参保", "市医保局核对");
        String provider = p.provider(), consumer = p.consumer(), dataset = p.dataset();
        String key = TestKeys.person(number());
        Platform.push(provider, dataset, Platform.person(key, "李三", "某路3号"));
        String whileThere = export(consumer, dataset, null).header("X-Request-Id");
        Platform.push(provider, dataset, "{\"key\":\"" + key + "\",\"deleted\":true}\n");
        String whileGone = export(consumer, dataset, null).header("X-Request-Id");
        Platform.push(provider, dataset, Platform.person(key, "李三", "某路4号"));
        String afterReturn = export(consumer, dataset, null).header("X-Request-Id");

        List<String> readers = trail(key).getList("events.requestId");
        assertTrue(readers.contains(whileThere) && readers.contains(afterReturn), readers.toString());
        assertTrue(!readers.contains(whileGone), "the export taken while the key was removed did not carry it");
    }

    @Test
    void anExportOfChangesCarriesOnlyTheKeysChangedAfterItsCursor_Art31() {
        Parties p = Parties.of("市市场监管局主体", "市税务局登记核对");
        String provider = p.provider(), consumer = p.consumer(), dataset = p.dataset();
        String old = TestKeys.person(number());
        String changed = TestKeys.person(number());
        Platform.push(provider, dataset, Platform.person(old, "周四", "某路5号"));
        String cursor = export(consumer, dataset, null).header("X-Export-Cursor");
        Platform.push(provider, dataset, Platform.person(changed, "吴五", "某路6号"));

        Response changes = export(consumer, dataset, cursor);
        assertTrue(changes.asString().contains(changed), changes.asString());
        String sinceCursor = changes.header("X-Request-Id");
        assertTrue(trail(changed).getList("events.requestId").contains(sinceCursor));
        // The cursor is the export's watermark: the feed from there may repeat a row the export
        // already had (docs/records.md), and then that row did leave again. The trail says what left.
        assertEquals(changes.asString().contains(old), trail(old).getList("events.requestId").contains(sinceCursor),
                "the key is named exactly when the export of changes carried it: " + changes.asString());
    }

    @Test
    void whoReadThisPersonListsTheChangePagesThatCarriedTheKey_Art31() {
        Parties p = Parties.of("市住建局房屋", "市不动产登记核对");
        String provider = p.provider(), consumer = p.consumer(), dataset = p.dataset();
        String first = TestKeys.person(number());
        String second = TestKeys.person(number());
        Platform.push(provider, dataset, Platform.person(first, "郑六", "某路7号"));
        Platform.push(provider, dataset, Platform.person(second, "王七", "某路8号"));

        Response page1 = changes(consumer, dataset, null, 1);
        String next = page1.jsonPath().getString("next");
        Response page2 = changes(consumer, dataset, next, 1);
        assertEquals(List.of(first), page1.jsonPath().getList("changes.key"));
        assertEquals(List.of(second), page2.jsonPath().getList("changes.key"));

        JsonPath firstReaders = trail(first);
        assertEquals(List.of(page1.header("X-Request-Id")), firstReaders.getList("events.requestId"),
                "the page that carried the key, not the one after it");
        assertEquals(List.of("CHANGES"), firstReaders.getList("events.action"));
        assertEquals(List.of(true), firstReaders.getList("events.bulk"));
        assertEquals(List.of(page2.header("X-Request-Id")), trail(second).getList("events.requestId"));
    }

    @Test
    void aLookupIsNotABulkRead() {
        Parties p = Parties.of("市卫健委出生", "市教育局入学核对");
        String provider = p.provider(), consumer = p.consumer(), dataset = p.dataset();
        String key = TestKeys.person(number());
        Platform.push(provider, dataset, Platform.person(key, "冯八", "某路9号"));
        asAgency(consumer).get("/api/v1/datasets/" + dataset + "/records/" + key).then().statusCode(200);

        JsonPath readers = trail(key);
        assertEquals(List.of("READ"), readers.getList("events.action"));
        assertEquals(List.of(false), readers.getList("events.bulk"));
        assertEquals(List.of(List.of(key)), readers.getList("events.subjects"));
    }

    /** A provider of an UNCONDITIONAL person dataset and another agency that reads it for its duties. */
    private record Parties(String provider, String consumer, String dataset) {
        static Parties of(String providerName, String consumerName) {
            String provider = Platform.registerSignedAgency(providerName);
            return new Parties(provider, Platform.registerSignedAgency(consumerName),
                    Platform.registerPersonDataset(provider, "UNCONDITIONAL"));
        }
    }

    private static Response export(String agency, String dataset, String since) {
        var request = asAgency(agency).accept("application/x-ndjson");
        if (since != null) {
            request = request.queryParam("since", since);
        }
        Response response = request.get("/api/v1/datasets/" + dataset + "/export");
        response.then().statusCode(200);
        return response;
    }

    private static Response changes(String agency, String dataset, String since, int limit) {
        // wait: a page holds only changes older than every running transaction; this waits for them.
        var request = asAgency(agency).queryParam("limit", limit).queryParam("wait", 10);
        if (since != null) {
            request = request.queryParam("since", since);
        }
        Response response = request.get("/api/v1/datasets/" + dataset + "/changes");
        response.then().statusCode(200);
        return response;
    }

    private static JsonPath trail(String key) {
        return as(Tokens.center()).queryParam("subject", key).get(AUDIT).then().statusCode(200).extract().jsonPath();
    }

    private static long number() {
        return 2_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 18_000_000L);
    }
}
