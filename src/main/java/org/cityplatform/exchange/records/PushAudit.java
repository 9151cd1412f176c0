package org.cityplatform.exchange.records;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import org.cityplatform.exchange.audit.AuditAction;
import org.cityplatform.exchange.audit.AuditEvent;
import org.cityplatform.exchange.audit.AuditOutcome;
import org.cityplatform.exchange.audit.AuditTrail;
import org.cityplatform.exchange.audit.Requester;
import org.cityplatform.exchange.infra.AsyncBridges;
import org.cityplatform.exchange.problem.ProblemCode;

/**
 * The audit events of one push (Art. 31): one per batch, written by the batch's own statement, so in
 * the transaction of its records (a partial push commits each batch, an atomic push all at the end).
 * Each names the lines it covers and the rows it changed; the writer seals it once committed. A push
 * that wrote no batch has its event written through the writer instead.
 */
final class PushAudit {

    private final AuditTrail trail;
    private final Requester requester;
    private final String dataset;

    PushAudit(AuditTrail trail, Requester requester, String dataset) {
        this.trail = trail;
        this.requester = requester;
        this.dataset = dataset;
    }

    /** A statement and its pending event, which covers the given lines: the event's time is fixed before it runs. */
    record PendingBatch(String statement, Tuple parameters, Instant at, String chain, long firstLine, long lastLine) {
    }

    /** A partial push's batch, written with its event. */
    PendingBatch batch(PushBatch batch, int datasetId) {
        return pending(batch.parameters(datasetId), PushBatch.UPSERT, PushBatch.UPSERT_AUDITED, batch.firstLine(),
                batch.lastLine());
    }

    /** An atomic push's staged items, written with one event for all its lines. */
    PendingBatch staged(int datasetId, long lastLine) {
        return pending(Tuple.of(datasetId), PushBatch.MERGE_STAGED, PushBatch.MERGE_STAGED_AUDITED, 1, lastLine);
    }

    private PendingBatch pending(Tuple parameters, String plain, String audited, long firstLine, long lastLine) {
        Instant at = Instant.now();
        if (!trail.enabled()) {
            return new PendingBatch(plain, parameters, at, null, firstLine, lastLine);
        }
        AuditEvent shape = event(at, 0, firstLine, lastLine);
        String chain = trail.chainHere();
        parameters.addValue(shape.at().atOffset(ZoneOffset.UTC)).addValue(chain).addValue(requester.agency())
                .addValue(requester.sub()).addValue(dataset).addValue(shape.cursorFrom()).addValue(shape.cursorTo())
                .addValue(requester.requestId()).addValue(requester.caseId());
        return new PendingBatch(audited, parameters, shape.at(), chain, firstLine, lastLine);
    }

    /** The statement committed, or (atomic push) will commit with the transaction: its event to seal then. */
    Sealable written(PendingBatch pending, Row counts) {
        if (!trail.enabled()) {
            return null;
        }
        return new Sealable(pending.chain(), counts.getLong("audit_id"), event(pending.at(), counts.getLong(0),
                pending.firstLine(), pending.lastLine()));
    }

    /** An event stored unsealed with its records; sealed once they committed. */
    record Sealable(String chain, long id, AuditEvent event) {
    }

    void seal(Sealable committed) {
        if (committed != null) {
            trail.sealPushEvent(committed.chain(), committed.id(), committed.event());
        }
    }

    /** A push that stored nothing (every item invalid or unchanged, or refused whole): recorded through the writer. */
    Future<Void> nothingStored(long lastLine, ProblemCode code) {
        AuditOutcome outcome = code == null ? AuditOutcome.OK : AuditOutcome.ofStatus(code.status());
        AuditEvent event = requester.event(AuditAction.PUSH, dataset, null, 0L, lastLine > 0 ? "1" : null,
                lastLine > 0 ? Long.toString(lastLine) : null, outcome, code);
        return AsyncBridges.future(trail.record(event));
    }

    private AuditEvent event(Instant at, long changed, long firstLine, long lastLine) {
        return new AuditEvent(at, requester.agency(), requester.sub(), AuditAction.PUSH, dataset, null, changed,
                Long.toString(firstLine), Long.toString(lastLine), AuditOutcome.OK, null, requester.requestId(),
                requester.caseId());
    }
}
