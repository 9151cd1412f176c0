package org.cityplatform.exchange.audit;

import static org.cityplatform.exchange.support.Http.as;
import static org.cityplatform.exchange.support.Http.asAgency;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cityplatform.exchange.support.Platform;
import org.cityplatform.exchange.support.TestKeys;
import org.cityplatform.exchange.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md, "Audit": the trail is tamper-evident (Art. 31). Whoever edits or deletes events directly
 * in the database is found by {@code GET /api/v1/audit/verify}, which names the first event that
 * no longer fits its chain.
 *
 * <p>The database and the chains are shared by every test of the run: each tampering here is undone
 * exactly (the rows are saved first and written back as they were), and the trail is shown intact
 * again before the test ends.
 */
@QuarkusTest
class AuditVerifyTest {

    private String provider;
    private String reader;
    private String dataset;
    private String key;

    @BeforeEach
    void someoneReadsPushedData() {
        provider = Platform.registerSignedAgency("市公安局治安");
        reader = Platform.registerSignedAgency("市交警支队");
        dataset = Platform.registerPersonDataset(provider, "UNCONDITIONAL");
        key = TestKeys.person(1_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 19_000_000L));
        Platform.push(provider, dataset, Platform.person(key, "冯十一", "某路9号"));
    }

    @Test
    void theTrailIsIntactAfterDataWasPushedAndRead() {
        read();
        read();
        JsonPath verified = verify();
        assertTrue(verified.getBoolean("intact"), verified.prettify());
        assertTrue(verified.getLong("checked") >= 3, "at least the push and the reads: " + verified.prettify());
        assertTrue(verified.getLong("unsealed") >= 0);
        assertNull(verified.get("firstBroken"));
    }

    @Test
    void anEditedEventIsFoundByItsHash() throws SQLException {
        long event = eventOf(read());
        try (Tampering db = new Tampering()) {
            db.save(event);
            db.execute("UPDATE audit_events SET subject = '110101199003070000' WHERE id = ?", event);

            JsonPath verified = verify();
            assertFalse(verified.getBoolean("intact"), verified.prettify());
            assertEquals(event, verified.getLong("firstBroken.id"));
            assertEquals(db.chainOf(event), verified.getString("firstBroken.chain"));
            assertEquals(db.seqOf(event), verified.getLong("firstBroken.seq"));
            assertEquals("this event was altered", verified.getString("firstBroken.reason"));

            db.execute("UPDATE audit_events a SET subject = s.subject FROM saved s WHERE a.id = s.id AND a.id = ?", event);
        }
        assertTrue(verify().getBoolean("intact"), "the event as it was fits again");
    }

    @Test
    void aKeyTakenOutOfAChangePageIsFoundByItsHash_Art31() throws SQLException {
        String requestId = "av-" + UUID.randomUUID();
        asAgency(reader).header("X-Request-Id", requestId).queryParam("wait", 10)
                .get("/api/v1/datasets/" + dataset + "/changes").then().statusCode(200);
        long event = eventOf(requestId);
        try (Tampering db = new Tampering()) {
            db.save(event);
            db.execute("UPDATE audit_events SET keys = array_remove(keys, ?) WHERE id = ?", key, event);

            assertEquals(event, verify().getLong("firstBroken.id"), "the page no longer names every key it carried");

            db.execute("UPDATE audit_events a SET keys = s.keys FROM saved s WHERE a.id = s.id AND a.id = ?", event);
        }
        assertTrue(verify().getBoolean("intact"));
    }

    @Test
    void anEventEditedToAnUnknownActionIsFoundToo() throws SQLException {
        long event = eventOf(read());
        try (Tampering db = new Tampering()) {
            db.save(event);
            db.execute("UPDATE audit_events SET action = 'NOTHING' WHERE id = ?", event);
            assertEquals(event, verify().getLong("firstBroken.id"));
            db.execute("UPDATE audit_events a SET action = s.action FROM saved s WHERE a.id = s.id AND a.id = ?", event);
        }
        assertTrue(verify().getBoolean("intact"));
    }

    @Test
    void aDeletedEventIsFoundByTheEventAfterIt() throws SQLException {
        read();
        long deleted = eventOf(read());
        read();
        try (Tampering db = new Tampering()) {
            String chain = db.chainOf(deleted);
            long seq = db.seqOf(deleted);
            long after = db.eventAt(chain, seq + 1);
            db.save(deleted);
            db.execute("DELETE FROM audit_events WHERE id = ?", deleted);

            JsonPath verified = verify();
            assertFalse(verified.getBoolean("intact"), verified.prettify());
            assertEquals(after, verified.getLong("firstBroken.id"));
            assertEquals(chain, verified.getString("firstBroken.chain"));
            assertEquals(seq + 1, verified.getLong("firstBroken.seq"));
            assertEquals("events before this one are missing", verified.getString("firstBroken.reason"));

            db.restore();
        }
        assertTrue(verify().getBoolean("intact"), "the event put back fits again");
    }

    @Test
    void deletedNewestEventsAreFoundByTheChainsHead() throws SQLException {
        long event = eventOf(read());
        try (Tampering db = new Tampering()) {
            String chain = db.chainOf(event);
            // Verification writes no event: between the deletion and the check, this stays the newest.
            long newestSeq = db.headOf(chain);
            long newest = db.eventAt(chain, newestSeq);
            db.save(newest);
            db.execute("DELETE FROM audit_events WHERE id = ?", newest);

            JsonPath verified = verify();
            assertFalse(verified.getBoolean("intact"), verified.prettify());
            assertNull(verified.get("firstBroken.id"), "the missing event is gone: only its place is known");
            assertEquals(chain, verified.getString("firstBroken.chain"));
            assertEquals(newestSeq, verified.getLong("firstBroken.seq"));
            assertEquals("the newest events of this chain are missing", verified.getString("firstBroken.reason"));

            db.restore();
        }
        assertTrue(verify().getBoolean("intact"));
    }

    @Test
    void aNewestEventReHashedByWhoeverEditedItIsFoundByTheChainsHead() throws SQLException {
        long event = eventOf(read());
        try (Tampering db = new Tampering()) {
            String chain = db.chainOf(event);
            long seq = db.headOf(chain);
            long newest = db.eventAt(chain, seq);
            db.save(newest);
            // Someone who knows the algorithm links the edited event to its predecessor again.
            AuditEvent forged = db.eventOf(newest, "110101199003070000");
            byte[] hash = AuditChain.link(db.hashAt(chain, seq - 1), chain, seq, forged);
            db.execute("UPDATE audit_events SET subject = ?, hash = ? WHERE id = ?", forged.subject(), hash, newest);

            JsonPath verified = verify();
            assertFalse(verified.getBoolean("intact"), verified.prettify());
            assertEquals(newest, verified.getLong("firstBroken.id"));
            assertEquals(seq, verified.getLong("firstBroken.seq"));
            assertEquals("the chain's head does not match its newest event", verified.getString("firstBroken.reason"));
        }
        assertTrue(verify().getBoolean("intact"), "restored as it was");
    }

    @Test
    void aDeletedChainHeadIsFoundByItsEvents() throws SQLException {
        long event = eventOf(read());
        try (Tampering db = new Tampering()) {
            String chain = db.chainOf(event);
            db.saveHead(chain);
            db.execute("DELETE FROM audit_chains WHERE chain = ?", chain);

            JsonPath verified = verify();
            assertFalse(verified.getBoolean("intact"), verified.prettify());
            assertEquals(chain, verified.getString("firstBroken.chain"));
            assertTrue(verified.getString("firstBroken.reason").contains("head is missing"), verified.prettify());

            db.restore();
        }
        assertTrue(verify().getBoolean("intact"));
    }

    // --- shorthands

    private String read() {
        String requestId = "av-" + UUID.randomUUID();
        asAgency(reader).header("X-Request-Id", requestId).get("/api/v1/datasets/" + dataset + "/records/" + key)
                .then().statusCode(200);
        return requestId;
    }

    /** The id of a request's one event, found through the API itself. */
    private static long eventOf(String requestId) {
        JsonPath found = as(Tokens.center()).queryParam("requestId", requestId).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, found.getList("events").size(), found.prettify());
        return found.getLong("events[0].id");
    }

    private static JsonPath verify() {
        return as(Tokens.center()).get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    /**
     * Direct access to the test database, as someone tampering with the trail would have it. Rows
     * are copied into a temporary table of this connection before they are touched, so they can be
     * written back exactly.
     */
    private static final class Tampering implements AutoCloseable {

        private final Connection connection;
        private final List<Long> saved = new ArrayList<>();
        private boolean headSaved;

        Tampering() throws SQLException {
            // Tamper with what is in PostgreSQL: every event acknowledged so far.
            org.cityplatform.exchange.support.AuditShipped.await();
            String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
            connection = DriverManager.getConnection(url, "postgres", "");
            execute("CREATE TEMP TABLE saved (LIKE audit_events)");
            execute("CREATE TEMP TABLE saved_head (LIKE audit_chains)");
        }

        void saveHead(String chain) throws SQLException {
            execute("INSERT INTO saved_head SELECT * FROM audit_chains WHERE chain = ?", chain);
            headSaved = true;
        }

        void save(long event) throws SQLException {
            execute("INSERT INTO saved SELECT * FROM audit_events WHERE id = ?", event);
            saved.add(event);
        }

        /** Writes the saved rows back where they were deleted. */
        void restore() throws SQLException {
            execute("INSERT INTO audit_events SELECT s.* FROM saved s "
                    + "WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.id = s.id)");
            if (headSaved) {
                // A writer that appended meanwhile wrote a newer head itself: keep that one.
                execute("INSERT INTO audit_chains SELECT * FROM saved_head ON CONFLICT (chain) DO NOTHING");
            }
        }

        String chainOf(long event) throws SQLException {
            return text("SELECT chain FROM audit_events WHERE id = ?", event);
        }

        long seqOf(long event) throws SQLException {
            return Long.parseLong(text("SELECT seq::text FROM audit_events WHERE id = ?", event));
        }

        long eventAt(String chain, long seq) throws SQLException {
            return Long.parseLong(text("SELECT id::text FROM audit_events WHERE chain = ? AND seq = ?", chain, seq));
        }

        byte[] hashAt(String chain, long seq) throws SQLException {
            try (PreparedStatement statement = prepare("SELECT hash FROM audit_events WHERE chain = ? AND seq = ?", chain, seq);
                 ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next(), "no event " + seq + " in " + chain);
                return rows.getBytes(1);
            }
        }

        /** The stored event, with another subject. */
        AuditEvent eventOf(long id, String subject) throws SQLException {
            try (PreparedStatement statement = prepare("SELECT * FROM audit_events WHERE id = ?", id);
                 ResultSet row = statement.executeQuery()) {
                assertTrue(row.next());
                return new AuditEvent(row.getObject("at", OffsetDateTime.class).toInstant(), row.getString("agency"),
                        row.getString("sub"), AuditAction.valueOf(row.getString("action")), row.getString("dataset"),
                        subject, row.getObject("count", Long.class), row.getString("cursor_from"),
                        row.getString("cursor_to"), AuditOutcome.valueOf(row.getString("outcome")), row.getString("code"),
                        row.getString("request_id"), row.getString("case_id"));
            }
        }

        long headOf(String chain) throws SQLException {
            return Long.parseLong(text("SELECT seq::text FROM audit_chains WHERE chain = ?", chain));
        }

        void execute(String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = prepare(sql, parameters)) {
                statement.execute();
            }
        }

        private String text(String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = prepare(sql, parameters); ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next(), sql + " found nothing");
                return rows.getString(1);
            }
        }

        private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        }

        /** Whatever happened in the test, no saved row stays away or edited. */
        @Override
        public void close() throws SQLException {
            try {
                restore();
                if (!saved.isEmpty()) {
                    execute("""
                            UPDATE audit_events a SET at = s.at, chain = s.chain, seq = s.seq, hash = s.hash,
                                agency = s.agency, sub = s.sub, action = s.action, dataset = s.dataset,
                                subject = s.subject, count = s.count, cursor_from = s.cursor_from,
                                cursor_to = s.cursor_to, outcome = s.outcome, code = s.code,
                                request_id = s.request_id, case_id = s.case_id
                            FROM saved s WHERE a.id = s.id""");
                }
            } finally {
                connection.close();
            }
        }
    }
}
