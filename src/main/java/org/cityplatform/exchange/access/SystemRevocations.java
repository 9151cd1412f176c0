package org.cityplatform.exchange.access;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cityplatform.exchange.agency.NotificationKind;
import org.cityplatform.exchange.agency.NotificationService;
import org.cityplatform.exchange.catalog.GrantEnding;
import org.cityplatform.exchange.infra.CityDays;

/**
 * Grants the system revokes, not the center: those on a retired dataset (Art. 3, 33). Each keeps
 * why, and its holder hears it like any revocation.
 */
@ApplicationScoped
public class SystemRevocations implements GrantEnding {

    /** Who revoked a grant the system ended, as {@code revokedBy}. */
    public static final String SYSTEM = "system";

    private final AccessRepositories.Grants grants;
    private final NotificationService notifications;
    private final Clock clock;

    SystemRevocations(AccessRepositories.Grants grants, NotificationService notifications, Clock clock) {
        this.grants = grants;
        this.notifications = notifications;
        this.clock = clock;
    }

    @Override
    public Uni<List<String>> endAll(String dataset, String reason) {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        return grants.list("dataset = ?1 and revokedAt is null and validUntil >= ?2 order by id", dataset,
                CityDays.today(clock)).flatMap(open -> open.isEmpty() ? Uni.createFrom().item(List.<String>of()) : Multi.createFrom()
                .iterable(open)
                .onItem().transformToUniAndConcatenate(g -> {
                    g.revokedAt = now;
                    g.revokedBy = SYSTEM;
                    g.revokedReason = reason;
                    return notifications.send(g.consumer, NotificationKind.GRANT_CHANGED, "grant " + g.id,
                            "revoked: " + reason);
                })
                .collect().last()
                .replaceWith(() -> open.stream().map(g -> g.consumer).distinct().sorted().toList()));
    }
}
