package org.cityplatform.exchange.records;

import io.vertx.core.Future;
import java.util.Map;
import java.util.function.Consumer;
import org.cityplatform.exchange.problem.ProblemCode;

/**
 * What the client of a push hears, never more than committed. A push that wrote no batch has its
 * event recorded before the answer (Art. 31); when that event cannot be recorded, the client
 * hears 503 AUDIT_UNAVAILABLE instead of a success.
 */
final class PushAnswer {

    /** Why a push stopped before its body ended: what the client is told. */
    record Stop(ProblemCode code, String reason) {
    }

    static final Stop SHUTTING_DOWN = new Stop(ProblemCode.UNAVAILABLE, "this instance shut down");
    static final Stop DATABASE_FAILED = new Stop(ProblemCode.UNAVAILABLE, "the database failed");

    private final PushClient client;
    private final boolean atomic;
    private final PushSummary summary;
    private final PushAudit audit;
    private final Consumer<Runnable> onContext;

    PushAnswer(PushClient client, boolean atomic, PushSummary summary, PushAudit audit, Consumer<Runnable> onContext) {
        this.onContext = onContext;
        this.client = client;
        this.atomic = atomic;
        this.summary = summary;
        this.audit = audit;
    }

    /** The push's summary, once its event is recorded when no batch carried one. */
    void stored(boolean eventWritten, long lastLine) {
        auditedThen(eventWritten ? Future.succeededFuture() : audit.nothingStored(lastLine, null), () ->
                client.ok(summary.toJson().encode()));
    }

    /** An atomic push with invalid items: nothing stored, every invalid item listed. */
    void batchRejected(long lastLine) {
        summary.accepted = 0;
        summary.unchanged = 0;
        auditedThen(audit.nothingStored(lastLine, ProblemCode.BATCH_REJECTED), () ->
                client.problem(ProblemCode.BATCH_REJECTED, summary.rejected
                        + " invalid item(s): nothing of this atomic push was stored", members()));
    }

    /*
     * A push that stopped before its end. Its body was not read to the end, so the connection
     * closes once the answer is out. A database failure is answered at once: the trail's event
     * would need the same database.
     */
    void stopped(Stop stop, boolean eventWritten, long storedThroughLine, long lastLine) {
        String detail = atomic
                ? stop.reason() + ": nothing of this atomic push was stored; push it again"
                : stop.reason() + ": items through line " + storedThroughLine
                        + " are stored; push the rest again (identical items are reported unchanged)";
        if (atomic) {
            summary.accepted = 0;
            summary.unchanged = 0;
        }
        Map<String, Object> members = members();
        if (!atomic) {
            members.put("storedThroughLine", storedThroughLine);
        }
        client.closeAfterAnswer();
        Future<Void> audited = eventWritten || stop == DATABASE_FAILED
                ? Future.succeededFuture()
                : audit.nothingStored(lastLine, stop.code());
        audited.onComplete(done -> onContext.accept(() -> client.problem(stop.code(), detail, members)));
    }

    private void auditedThen(Future<Void> audited, Runnable answer) {
        audited.onComplete(result -> onContext.accept(() -> {
            if (result.succeeded()) {
                answer.run();
            } else {
                client.problem(result.cause());
            }
        }));
    }

    private Map<String, Object> members() {
        return summary.toJson().getMap();
    }
}
