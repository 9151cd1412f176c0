package org.cityplatform.exchange.audit;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.cityplatform.exchange.problem.DatabaseFailures;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.jboss.logging.Logger;

/**
 * Keeps the trail writable and whole while the gateway runs:
 * <ul>
 * <li>monthly partitions exist ahead of time (an event with no partition would fail its request);</li>
 * <li>this instance's chain shows it is alive ({@code seen_at});</li>
 * <li>push events that a dead instance committed but never sealed are claimed and sealed into
 *     this instance's chain, so a crash leaves no event outside a chain;</li>
 * <li>with a retention configured, whole months past it are dropped, each chain first anchored at
 *     its last dropped event so that verification starts there.</li>
 * </ul>
 */
@Singleton
public class AuditMaintenance {

    private static final Logger LOG = Logger.getLogger(AuditMaintenance.class);
    static final long HEARTBEAT_MILLIS = 2_000;

    private static final String PARTITIONS = "SELECT audit_month_partition((date_trunc('month', now()) "
            + "+ make_interval(months => m))::date) FROM generate_series(0, 2) AS m";
    private static final String HEARTBEAT = "UPDATE audit_chains SET seen_at = now() WHERE chain = ANY($1)";
    // The claim moves the rows into this chain in one statement: two instances cannot both take one.
    private static final String CLAIM_ORPHANS = """
            UPDATE audit_events e SET chain = $1
            WHERE e.hash IS NULL AND e.chain <> ALL($3) AND e.at < now() - make_interval(secs => $2)
              AND NOT EXISTS (SELECT 1 FROM audit_chains c WHERE c.chain = e.chain
                              AND c.seen_at > now() - make_interval(secs => $2))
            RETURNING e.id, e.at, e.agency, e.sub, e.action, e.dataset, e.subject, e.count, e.cursor_from,
                      e.cursor_to, e.outcome, e.code, e.request_id, e.case_id, e.target_type, e.target_id,
                      %s""".formatted(AuditRows.BULK);
    private static final String EXPIRED_PARTITIONS = """
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'audit_events'::regclass AND c.relname ~ '^audit_events_[0-9]{4}_[0-9]{2}$'
              AND c.relname < $1 ORDER BY c.relname""";
    private static final String ANCHOR = """
            UPDATE audit_chains a SET anchor_seq = last.seq, anchor_hash = last.hash
            FROM (SELECT DISTINCT ON (chain) chain, seq, hash FROM %I WHERE hash IS NOT NULL ORDER BY chain, seq DESC) last
            WHERE a.chain = last.chain AND last.seq > a.anchor_seq""";

    private final Vertx vertx;
    private final Pool pool;
    private final AuditWriter writer;
    private final AuditSettings settings;

    private final AuditShipper shipper;

    AuditMaintenance(Vertx vertx, io.vertx.mutiny.sqlclient.Pool pool, AuditWriter writer, AuditSettings settings,
                     AuditShipper shipper) {
        this.shipper = shipper;
        this.vertx = vertx;
        this.pool = pool.getDelegate();
        this.writer = writer;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        if (settings.disabledForBenchmark()) {
            return;
        }
        tick();
        vertx.setPeriodic(HEARTBEAT_MILLIS, id -> tick());
        vertx.setPeriodic(6 * 3600_000L, id -> partitions());
        partitions();
    }

    private void tick() {
        pool.preparedQuery(HEARTBEAT).execute(Tuple.of(writer.chains().toArray(new String[0])))
                .compose(v -> claimOrphans())
                .onFailure(AuditMaintenance::failed);
    }

    /*
     * PostgreSQL away is expected and said elsewhere (readiness, shipping lag); anything else
     * leaves a dead instance's push events unsealed and must be seen.
     */
    private static void failed(Throwable e) {
        ProblemException known = DatabaseFailures.classify(e);
        if (known != null && known.code() == ProblemCode.UNAVAILABLE) {
            LOG.debugf("audit upkeep skipped: %s", e.getMessage());
        } else {
            LOG.errorf("audit upkeep failed (unsealed events of stopped instances wait): %s", e.toString());
        }
    }

    /** Seals what dead instances left unsealed; returns how many were claimed. */
    Future<Integer> claimOrphans() {
        double deadAfter = settings.deadChainAfter().toMillis() / 1000.0;
        String into = writer.chainHere();
        // Chains still in this instance's journal are not dead: their seals may be on the way.
        List<String> held = new ArrayList<>(writer.chains());
        held.addAll(shipper.chainsHeld());
        return pool.preparedQuery(CLAIM_ORPHANS).execute(Tuple.of(into, deadAfter, held.toArray(new String[0])))
                .map(rows -> {
            for (Row row : rows) {
                writer.seal(into, row.getLong("id"), AuditRows.event(row));
            }
            if (rows.rowCount() > 0) {
                LOG.infof("sealed %d audit events left unsealed by stopped instances", rows.rowCount());
            }
            return rows.rowCount();
        });
    }

    private void partitions() {
        pool.query(PARTITIONS).execute()
                .compose(v -> settings.retention().isPresent() ? dropExpired() : Future.succeededFuture())
                .onFailure(e -> LOG.errorf("audit partitions not maintained: %s", e.getMessage()));
    }

    private Future<Void> dropExpired() {
        LocalDate keepFrom = LocalDate.now(ZoneOffset.UTC).minus(settings.retention().get()).withDayOfMonth(1);
        String firstKept = "audit_events_" + keepFrom.getYear() + "_" + String.format("%02d", keepFrom.getMonthValue());
        return pool.preparedQuery(EXPIRED_PARTITIONS).execute(Tuple.of(firstKept)).compose(rows -> {
            Future<Void> done = Future.succeededFuture();
            for (Row row : rows) {
                String partition = row.getString(0);
                done = done.compose(v -> pool.withTransaction(conn -> conn.query(ANCHOR.replace("%I", "\"" + partition + "\"")).execute()
                        .compose(x -> conn.query("DROP TABLE \"" + partition + "\"").execute())).mapEmpty());
                LOG.infof("audit retention: dropping %s", partition);
            }
            return done;
        });
    }
}
