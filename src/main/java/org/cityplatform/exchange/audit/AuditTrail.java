package org.cityplatform.exchange.audit;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import jakarta.inject.Singleton;
import java.util.function.Function;
import org.cityplatform.exchange.problem.Failures;
import org.cityplatform.exchange.problem.ProblemCode;

/**
 * What requests use to be audited (Art. 31): the work's outcome, success or refusal, is recorded
 * before the caller hears of it; when the event cannot be recorded the caller gets 503
 * AUDIT_UNAVAILABLE instead ("no data leaves without its audit event").
 */
@Singleton
public class AuditTrail {

    private final AuditWriter writer;
    private final boolean enabled;

    AuditTrail(AuditWriter writer, AuditSettings settings) {
        this.writer = writer;
        this.enabled = !settings.disabledForBenchmark();
    }

    /** Completes when the event is committed. */
    public Uni<Void> record(AuditEvent event) {
        return enabled ? UniHelper.toUni(writer.append(event)) : Uni.createFrom().voidItem();
    }

    /** Seals the event a push committed with its records (see {@link AuditWriter#seal}). */
    public void sealPushEvent(long id, AuditEvent event) {
        if (enabled) {
            writer.seal(id, event);
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public String chain() {
        return writer.chain();
    }

    /**
     * The work's item once its event is recorded; on failure, the failure once its event (with the
     * refusal's code, or none for an internal error) is recorded.
     */
    public <T> Uni<T> around(Uni<T> work, Function<T, AuditEvent> succeeded, Function<ProblemCode, AuditEvent> failed) {
        return work.onItemOrFailure().transformToUni((item, failure) -> {
            if (failure == null) {
                return record(succeeded.apply(item)).replaceWith(item);
            }
            return record(failed.apply(Failures.codeOf(failure))).onItem().<T>transformToUni(v -> Uni.createFrom().failure(failure));
        });
    }
}
