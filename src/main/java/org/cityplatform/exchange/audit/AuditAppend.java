package org.cityplatform.exchange.audit;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement that moves journaled events into PostgreSQL (see {@link AuditShipper}): new
 * events, the seals of push events already committed with their records, and the chain's head,
 * in one statement and one commit.
 */
final class AuditAppend {

    private AuditAppend() {
    }

    /*
     * New events, the sealing of push events and the chain's head: one statement, one commit.
     * The head row lets verification notice deleted newest events, and its seen_at tells other
     * instances this chain is alive. Each statement moves the head only from the event the previous
     * one ended with ($24), and fails whole otherwise: a batch is never shipped twice and the chain
     * in PostgreSQL never has a hole.
     */
    static final String APPEND = """
            WITH appended AS (
                INSERT INTO audit_events (at, chain, seq, hash, agency, sub, action, dataset, subject, count,
                                          cursor_from, cursor_to, outcome, code, request_id, case_id,
                                          target_type, target_id, keys, snapshot)
                SELECT e.at, $1, e.seq, e.hash, e.agency, e.sub, e.action, e.dataset, e.subject, e.count,
                       e.cursor_from, e.cursor_to, e.outcome, e.code, e.request_id, e.case_id,
                       e.target_type, e.target_id, string_to_array(e.keys, E'\\n'), e.snapshot
                FROM unnest($2::timestamptz[], $3::bigint[], $4::bytea[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::bigint[], $11::text[], $12::text[], $13::text[],
                            $14::text[], $15::text[], $16::text[], $25::text[], $26::text[], $27::text[],
                            $28::text[])
                     AS e(at, seq, hash, agency, sub, action, dataset, subject, count, cursor_from, cursor_to,
                          outcome, code, request_id, case_id, target_type, target_id, keys, snapshot)
                RETURNING 1
            ), sealed AS (
                UPDATE audit_events a SET seq = s.seq, hash = s.hash
                FROM unnest($17::bigint[], $18::timestamptz[], $19::bigint[], $20::bytea[]) AS s(id, at, seq, hash)
                WHERE a.id = s.id AND a.at = s.at AND a.chain = $1 AND a.hash IS NULL
                RETURNING 1
            ), head AS (
                INSERT INTO audit_chains (chain, seq, hash, anchor_hash, seen_at)
                SELECT $1, $21, $22, $23, now() WHERE (SELECT count(*) FROM appended) + (SELECT count(*) FROM sealed) >= 0
                ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, seen_at = now()
                    WHERE audit_chains.seq = $24
                RETURNING 1
            )
            SELECT audit_chain_continues((SELECT count(*) FROM head) = 1, $1)
            """;

    /** The statement's parameters for events of one chain, {@code previousSeq + 1} onwards, in order. */
    static Tuple of(String chain, long previousSeq, List<JournaledEvent> events) {
        Batch batch = new Batch();
        for (JournaledEvent e : events) {
            batch.add(e);
        }
        JournaledEvent last = events.get(events.size() - 1);
        return batch.tuple(chain, last.seq(), last.hash(), AuditChain.genesis(chain), previousSeq);
    }

    /** The array parameters of one APPEND statement. */
    private static final class Batch {
        private final List<OffsetDateTime> at = new ArrayList<>();
        private final List<Long> seqs = new ArrayList<>();
        private final List<Buffer> hashes = new ArrayList<>();
        private final List<String> agency = new ArrayList<>(), sub = new ArrayList<>(), action = new ArrayList<>(),
                dataset = new ArrayList<>(), subject = new ArrayList<>(), cursorFrom = new ArrayList<>(),
                cursorTo = new ArrayList<>(), outcome = new ArrayList<>(), code = new ArrayList<>(),
                requestId = new ArrayList<>(), caseId = new ArrayList<>(), targetType = new ArrayList<>(),
                targetId = new ArrayList<>(), keys = new ArrayList<>(), snapshot = new ArrayList<>();
        private final List<Long> count = new ArrayList<>();
        private final List<Long> sealIds = new ArrayList<>();
        private final List<OffsetDateTime> sealAt = new ArrayList<>();
        private final List<Long> sealSeqs = new ArrayList<>();
        private final List<Buffer> sealHashes = new ArrayList<>();

        void add(JournaledEvent journaled) {
            AuditEvent e = journaled.event();
            long seq = journaled.seq();
            byte[] hash = journaled.hash();
            OffsetDateTime when = e.at().atOffset(ZoneOffset.UTC);
            if (journaled.sealId() != 0) {
                sealIds.add(journaled.sealId());
                sealAt.add(when);
                sealSeqs.add(seq);
                sealHashes.add(Buffer.buffer(hash));
                return;
            }
            at.add(when);
            seqs.add(seq);
            hashes.add(Buffer.buffer(hash));
            agency.add(e.agency());
            sub.add(e.sub());
            action.add(e.action().name());
            dataset.add(e.dataset());
            subject.add(e.subject());
            count.add(e.count());
            cursorFrom.add(e.cursorFrom());
            cursorTo.add(e.cursorTo());
            outcome.add(e.outcome().name());
            code.add(e.code());
            requestId.add(e.requestId());
            caseId.add(e.caseId());
            targetType.add(e.target() == null ? null : e.target().type());
            targetId.add(e.target() == null ? null : e.target().id());
            keys.add(e.bulk() == null ? null : e.bulk().joinedKeys());
            snapshot.add(e.bulk() == null ? null : e.bulk().snapshot());
        }

        Tuple tuple(String chain, long lastSeq, byte[] lastHead, byte[] genesis, long previousSeq) {
            return Tuple.tuple().addValue(chain)
                    .addArrayOfOffsetDateTime(at.toArray(new OffsetDateTime[0]))
                    .addArrayOfLong(seqs.toArray(new Long[0]))
                    .addArrayOfBuffer(hashes.toArray(new Buffer[0]))
                    .addArrayOfString(agency.toArray(new String[0]))
                    .addArrayOfString(sub.toArray(new String[0]))
                    .addArrayOfString(action.toArray(new String[0]))
                    .addArrayOfString(dataset.toArray(new String[0]))
                    .addArrayOfString(subject.toArray(new String[0]))
                    .addArrayOfLong(count.toArray(new Long[0]))
                    .addArrayOfString(cursorFrom.toArray(new String[0]))
                    .addArrayOfString(cursorTo.toArray(new String[0]))
                    .addArrayOfString(outcome.toArray(new String[0]))
                    .addArrayOfString(code.toArray(new String[0]))
                    .addArrayOfString(requestId.toArray(new String[0]))
                    .addArrayOfString(caseId.toArray(new String[0]))
                    .addArrayOfLong(sealIds.toArray(new Long[0]))
                    .addArrayOfOffsetDateTime(sealAt.toArray(new OffsetDateTime[0]))
                    .addArrayOfLong(sealSeqs.toArray(new Long[0]))
                    .addArrayOfBuffer(sealHashes.toArray(new Buffer[0]))
                    .addLong(lastSeq)
                    .addBuffer(Buffer.buffer(lastHead))
                    .addBuffer(Buffer.buffer(genesis))
                    .addLong(previousSeq)
                    .addArrayOfString(targetType.toArray(new String[0]))
                    .addArrayOfString(targetId.toArray(new String[0]))
                    .addArrayOfString(keys.toArray(new String[0]))
                    .addArrayOfString(snapshot.toArray(new String[0]));
        }
    }
}
