package org.cityplatform.exchange.audit;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Verifies the hash chains of the audit trail (Art. 31: the trail must show tampering). Each chain
 * is walked from its anchor (the last event retention dropped, else its genesis) to its head in
 * {@code audit_chains}: every sealed event must take the next place, and its hash must be the link
 * of the previous stored hash and its own columns. An edited event fails its link, a deleted one
 * leaves a gap, deleted newest events leave the chain short of its head, and a deleted head leaves
 * events of a chain without one.
 *
 * <p>The walk reads a page of events at a time and asks for the next page when one is done, each
 * query started from the previous one's callback: the whole trail is never in memory, no thread
 * waits, and the loop's depth never grows with the number of pages.
 */
@ApplicationScoped
public class AuditVerifier {

    static final int PAGE_SIZE = 2000;

    /*
     * The heads are read first. A writer commits a chain's events and its head in one statement, so
     * every event up to a head read here is already committed; events sealed later lie beyond it and
     * are left for the next verification instead of looking like a break.
     */
    private static final String HEADS = "SELECT chain, seq, hash, anchor_seq, anchor_hash FROM audit_chains ORDER BY chain";

    // One index probe per chain on (chain, seq): the chains that hold sealed events but have no head.
    private static final String HEADLESS = """
            WITH RECURSIVE chains(chain) AS (
                (SELECT chain FROM audit_events WHERE chain IS NOT NULL ORDER BY chain LIMIT 1)
                UNION ALL
                SELECT (SELECT e.chain FROM audit_events e WHERE e.chain > c.chain ORDER BY e.chain LIMIT 1)
                FROM chains c WHERE c.chain IS NOT NULL
            )
            SELECT c.chain, first.id, first.seq FROM chains c
            CROSS JOIN LATERAL (SELECT e.id, e.seq FROM audit_events e
                                WHERE e.chain = c.chain AND e.hash IS NOT NULL ORDER BY e.seq LIMIT 1) first
            WHERE c.chain IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit_chains h WHERE h.chain = c.chain)""";

    private static final String UNSEALED = "SELECT count(*) FROM audit_events WHERE hash IS NULL";

    /*
     * Keyset on (seq, id) within a chain, served by audit_events_chain (chain, seq): seq alone would
     * let a page boundary skip an event forged into a place another event already has.
     */
    private static final String PAGE = """
            SELECT id, seq, hash, at, agency, sub, action, dataset, subject, count, cursor_from, cursor_to, outcome,
                   code, request_id, case_id, target_type, target_id, %s
            FROM audit_events e
            WHERE chain = $1 AND seq >= $2 AND seq <= $3 AND (seq, id) > ($2, $4) AND hash IS NOT NULL
            ORDER BY seq, id LIMIT $5""".formatted(AuditRows.BULK);

    private final Pool pool;

    AuditVerifier(io.vertx.mutiny.sqlclient.Pool pool) {
        this.pool = pool.getDelegate();
    }

    public Uni<AuditVerification> verify() {
        return Uni.createFrom().emitter(emitter -> {
            Walk walk = new Walk(emitter);
            emitter.onTermination(walk::stop);
            walk.start();
        });
    }

    /** A chain to walk: its head, or none when only its events are left. */
    private record Chain(String name, long headSeq, byte[] headHash, long anchorSeq, byte[] anchorHash,
                         Long firstId, long firstSeq) {

        boolean headless() {
            return headHash == null;
        }
    }

    /** One verification, driven by the callbacks of its queries. */
    private final class Walk {

        private final UniEmitter<? super AuditVerification> emitter;
        private final List<Chain> chains = new ArrayList<>();
        private volatile boolean stopped;
        private long unsealed;
        private long checked;
        private int current;
        // The position in the current chain: the last event verified and its stored hash.
        private long lastSeq;
        private long lastId;
        private byte[] lastHash;

        Walk(UniEmitter<? super AuditVerification> emitter) {
            this.emitter = emitter;
        }

        /** The client went away: no more queries. */
        void stop() {
            stopped = true;
        }

        void start() {
            pool.query(HEADS).execute()
                    .compose(heads -> {
                        for (Row row : heads) {
                            chains.add(new Chain(row.getString("chain"), row.getLong("seq"), bytes(row, "hash"),
                                    row.getLong("anchor_seq"), bytes(row, "anchor_hash"), null, 0));
                        }
                        return pool.query(HEADLESS).execute();
                    })
                    .compose(headless -> {
                        for (Row row : headless) {
                            chains.add(new Chain(row.getString("chain"), 0, null, 0, null, row.getLong("id"),
                                    row.getLong("seq")));
                        }
                        chains.sort(Comparator.comparing(Chain::name));
                        return pool.query(UNSEALED).execute();
                    })
                    .onSuccess(count -> {
                        unsealed = count.iterator().next().getLong(0);
                        beginChain(0);
                    })
                    .onFailure(emitter::fail);
        }

        private void beginChain(int index) {
            if (index == chains.size()) {
                emitter.complete(new AuditVerification(checked, true, unsealed, null));
                return;
            }
            current = index;
            Chain chain = chains.get(index);
            if (chain.headless()) {
                broken(new ChainBreak(chain.firstId(), chain.name(), chain.firstSeq(), ChainBreak.HEADLESS));
                return;
            }
            lastSeq = chain.anchorSeq();
            lastId = Long.MAX_VALUE; // with lastSeq: every event after the anchor
            lastHash = chain.anchorHash();
            nextPage();
        }

        private void nextPage() {
            if (stopped) {
                return;
            }
            Chain chain = chains.get(current);
            pool.preparedQuery(PAGE).execute(Tuple.of(chain.name(), lastSeq, chain.headSeq(), lastId, PAGE_SIZE))
                    .onSuccess(this::onPage)
                    .onFailure(emitter::fail);
        }

        private void onPage(RowSet<Row> rows) {
            Chain chain = chains.get(current);
            for (Row row : rows) {
                ChainBreak broken = check(chain, row);
                if (broken != null) {
                    broken(broken);
                    return;
                }
                checked++;
            }
            if (rows.size() == PAGE_SIZE) {
                nextPage();
                return;
            }
            if (lastSeq < chain.headSeq()) {
                broken(new ChainBreak(null, chain.name(), lastSeq + 1, ChainBreak.TAIL));
            } else if (!MessageDigest.isEqual(lastHash, chain.headHash())) {
                // The newest event re-hashed by whoever edited it: only the head still knows better.
                broken(new ChainBreak(lastId == Long.MAX_VALUE ? null : lastId, chain.name(), lastSeq, ChainBreak.HEAD));
            } else {
                beginChain(current + 1);
            }
        }

        /** Checks one event against the one before it; advances the position when it fits. */
        private ChainBreak check(Chain chain, Row row) {
            long id = row.getLong("id");
            long seq = row.getLong("seq");
            if (seq != lastSeq + 1) {
                return new ChainBreak(id, chain.name(), seq, seq > lastSeq + 1 ? ChainBreak.GAP : ChainBreak.REPEATED);
            }
            byte[] stored = bytes(row, "hash");
            AuditEvent event;
            try {
                event = AuditRows.event(row);
            } catch (IllegalArgumentException | NullPointerException e) {
                // An action or outcome no writer stores: edited in place.
                return new ChainBreak(id, chain.name(), seq, ChainBreak.ALTERED);
            }
            if (!MessageDigest.isEqual(AuditChain.link(lastHash, chain.name(), seq, event), stored)) {
                return new ChainBreak(id, chain.name(), seq, ChainBreak.ALTERED);
            }
            lastSeq = seq;
            lastId = id;
            lastHash = stored;
            return null;
        }

        private void broken(ChainBreak at) {
            emitter.complete(new AuditVerification(checked, false, unsealed, at));
        }
    }

    private static byte[] bytes(Row row, String column) {
        var buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }
}
