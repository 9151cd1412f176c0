package org.cityplatform.exchange.audit;

import static org.cityplatform.exchange.support.Http.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.support.Tokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The audit writer commits many requests' events with one statement. One event the database
 * refuses must fail only its own request (Art. 31: its caller gets no answer without its event);
 * every other event of that statement is still committed and its request answered, and the hash
 * chain stays intact.
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
    void anEventTheDatabaseRefusesFailsAloneWhileTheEventsOfItsBatchCommit() throws Exception {
        String run = "bp-" + UUID.randomUUID();
        List<CompletableFuture<Void>> good = new ArrayList<>();
        List<CompletableFuture<Void>> bad = new ArrayList<>();
        // No partition holds 1990: PostgreSQL refuses the row for a data reason, whatever its text.
        Instant outOfRange = LocalDate.of(1990, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 150; i++) {
                good.add(record(event(Instant.now(), run + "-" + round + "-" + i, "ok")));
            }
            bad.add(record(event(outOfRange, run + "-bad-" + round, "ok")));
            for (int i = 150; i < 300; i++) {
                good.add(record(event(Instant.now(), run + "-" + round + "-" + i, "ok")));
            }
        }
        for (CompletableFuture<Void> f : bad) {
            try {
                f.get(20, TimeUnit.SECONDS);
                fail("an event the database refuses is not acknowledged");
            } catch (ExecutionException e) {
                ProblemException problem = assertInstanceOf(ProblemException.class, e.getCause());
                assertEquals(ProblemCode.AUDIT_UNAVAILABLE, problem.code());
                for (String internal : List.of("partition", "ERROR", "SQLSTATE", "audit_events", "pg")) {
                    assertFalse(problem.detail().contains(internal), "no database text in: " + problem.detail());
                }
            }
        }
        int failed = 0;
        for (CompletableFuture<Void> f : good) {
            try {
                f.get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failed++;
            }
        }
        assertEquals(0, failed, "every good event of the refused one's batches is committed");
        try (Connection c = database();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_events WHERE request_id LIKE ?")) {
            ps.setString(1, run + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(good.size(), rs.getInt(1));
            }
        }
        assertTrue(as(Tokens.center()).get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath()
                .getBoolean("intact"), "no hole in the chain where the refused events were linked");
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
