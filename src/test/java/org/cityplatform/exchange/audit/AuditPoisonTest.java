package org.cityplatform.exchange.audit;

import static org.cityplatform.exchange.support.Http.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cityplatform.exchange.support.AuditShipped;
import org.cityplatform.exchange.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Events the database would refuse as they are: text it cannot store is made storable before the
 * event is linked and journaled, and an event dated in a month without a partition gets its
 * partition when shipped. An acknowledged event is never lost (Art. 31), and the chain stays whole.
 */
@QuarkusTest
class AuditPoisonTest {

    @Inject
    AuditTrail trail;

    private static AuditEvent event(Instant at, String requestId, String subject) {
        return new AuditEvent(at, null, "poison-test", AuditAction.READ, "poison-ds", subject, null, null, null,
                AuditOutcome.OK, null, requestId, null);
    }

    @Test
    void anEventWithANulIsStoredWithTheCharacterReplacedAndOthersAroundItCommit() throws Exception {
        String run = "np-" + UUID.randomUUID();
        List<CompletableFuture<Void>> good = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            good.add(record(event(Instant.now(), run + "-" + i, "ok")));
        }
        AuditEvent hostile = new AuditEvent(Instant.now(), "a\u0000gency", "s\u0001ub", AuditAction.READ, "d\u0000s",
                "3101\u0000", null, "c\u0000", "\ud800", AuditOutcome.OK, null, run + "-nul", "case\u0000\u007f");
        CompletableFuture<Void> bad = record(hostile);
        for (int i = 100; i < 200; i++) {
            good.add(record(event(Instant.now(), run + "-" + i, "ok")));
        }
        bad.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> f : good) {
            f.get(10, TimeUnit.SECONDS);
        }
        AuditShipped.await();
        try (Connection c = database();
             PreparedStatement ps = c.prepareStatement("SELECT agency, sub, dataset, subject, cursor_from, cursor_to, case_id "
                     + "FROM audit_events WHERE request_id = ?")) {
            ps.setString(1, run + "-nul");
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the hostile event is in the trail");
                for (int column = 1; column <= 7; column++) {
                    String text = rs.getString(column);
                    assertFalse(text.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f), column + ": " + text);
                    assertTrue(text.contains("\ufffd"), "replaced, not dropped: " + text);
                }
            }
        }
        assertTrue(as(Tokens.center()).get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath()
                .getBoolean("intact"), "the chain links the stored text");
    }

    @Test
    void anEventDatedInAMonthWithoutAPartitionIsShippedIntoANewOneAndNothingIsLost() throws Exception {
        String run = "bp-" + UUID.randomUUID();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        // No partition holds 1990: PostgreSQL refuses the row until its month has a partition.
        Instant outOfRange = LocalDate.of(1990, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 150; i++) {
                all.add(record(event(Instant.now(), run + "-" + round + "-" + i, "ok")));
            }
            all.add(record(event(outOfRange, run + "-old-" + round, "ok")));
            for (int i = 150; i < 300; i++) {
                all.add(record(event(Instant.now(), run + "-" + round + "-" + i, "ok")));
            }
        }
        for (CompletableFuture<Void> f : all) {
            f.get(20, TimeUnit.SECONDS); // acknowledged once journaled, whatever its date
        }
        AuditShipped.await();
        try (Connection c = database();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_events WHERE request_id LIKE ?")) {
            ps.setString(1, run + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(all.size(), rs.getInt(1), "every acknowledged event is in PostgreSQL");
            }
        }
        assertTrue(as(Tokens.center()).get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath()
                .getBoolean("intact"), "the chain is whole");
        // And the writer goes on as before.
        record(event(Instant.now(), run + "-after", "ok")).get(10, TimeUnit.SECONDS);
    }

    private CompletableFuture<Void> record(AuditEvent event) {
        return trail.record(event).subscribeAsCompletionStage();
    }

    private static Connection database() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return DriverManager.getConnection(url, "postgres", "");
    }
}
