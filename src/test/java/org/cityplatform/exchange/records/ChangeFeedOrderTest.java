package org.cityplatform.exchange.records;

import static org.cityplatform.exchange.support.Http.asAgency;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The feed's order is its transactions' order as numbers: a transaction id with more digits comes
 * later, never earlier (sorting them as text would put 100 before 99 and skip 99's changes).
 */
@QuarkusTest
class ChangeFeedOrderTest {

    @Test
    void changesFollowTransactionIdsAsNumbersAcrossADigitBoundary() throws Exception {
        String provider = Platform.registerSignedAgency("市档案局");
        String dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        String early = TestKeys.person(9_001);
        String late = TestKeys.person(9_002);
        Platform.push(provider, dataset, Platform.person(early, "早", "址") + Platform.person(late, "晚", "址"));
        try (Connection c = DriverManager.getConnection(
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class), "postgres", "");
             PreparedStatement set = c.prepareStatement("UPDATE records SET txid = ?::xid8 WHERE key = ? "
                     + "AND dataset_id = (SELECT id FROM datasets WHERE code = ?)")) {
            for (Object[] row : new Object[][] {{"99", early}, {"100", late}}) {
                set.setString(1, (String) row[0]);
                set.setString(2, (String) row[1]);
                set.setString(3, dataset);
                assertEquals(1, set.executeUpdate());
            }
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            var request = asAgency(provider).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("since", cursor);
            }
            JsonPath json = request.get("/api/v1/datasets/" + dataset + "/changes").then().statusCode(200)
                    .extract().jsonPath();
            seen.addAll(json.getList("changes.key"));
            cursor = json.getString("next");
        }
        assertEquals(List.of(early, late), seen);
    }
}
