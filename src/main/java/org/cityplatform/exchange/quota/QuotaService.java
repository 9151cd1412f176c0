package org.cityplatform.exchange.quota;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.cityplatform.exchange.infra.Invalidations;
import org.cityplatform.exchange.identity.UnifiedSocialCreditCode;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;

/** The center sets each agency's quota; the center and the agency itself read it. */
@ApplicationScoped
public class QuotaService {

    private final QuotaStore store;
    private final Invalidations invalidations;
    private final Clock clock;

    QuotaService(QuotaStore store, Invalidations invalidations, Clock clock) {
        this.store = store;
        this.invalidations = invalidations;
        this.clock = clock;
    }

    public Uni<Quota> get(Caller caller, String rawCode) {
        String code = canonical(rawCode);
        if (!caller.isCenter() && !caller.actsFor(code)) {
            throw new ProblemException(ProblemCode.FORBIDDEN_ROLE,
                    "an agency's quota is read by the center or the agency itself");
        }
        return store.find(code).map(found -> found(found, rawCode));
    }

    public Uni<Quota> set(Caller caller, String rawCode, SetQuota body) {
        caller.require(Role.CENTER);
        String code = canonical(rawCode);
        // Microseconds: what PostgreSQL keeps, so a value read back equals the value written.
        OffsetDateTime at = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        return store.save(code, body, at, caller.sub()).map(saved -> found(saved, rawCode))
                // Committed: every instance forgets the old quota within milliseconds (or stops trusting its copy).
                .call(quota -> invalidations.publish(Invalidations.Topic.QUOTA, code));
    }

    private static String canonical(String rawCode) {
        if (!UnifiedSocialCreditCode.isValid(rawCode)) {
            throw notFound(rawCode);
        }
        return UnifiedSocialCreditCode.canonical(rawCode);
    }

    private static Quota found(Optional<Quota> quota, String rawCode) {
        return quota.orElseThrow(() -> notFound(rawCode));
    }

    private static ProblemException notFound(String rawCode) {
        return new ProblemException(ProblemCode.NOT_FOUND, "no agency " + rawCode + " is registered");
    }
}
