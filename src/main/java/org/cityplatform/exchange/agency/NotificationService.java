package org.cityplatform.exchange.agency;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Notifications are written in the transaction of the step that causes them: a decision and its
 * notice are stored together or not at all.
 */
@ApplicationScoped
public class NotificationService implements PanacheRepositoryBase<Notification, Long> {

    private final Clock clock;

    NotificationService(Clock clock) {
        this.clock = clock;
    }

    /** Adds a notification within the caller's current transaction. */
    public Uni<Void> send(String recipient, NotificationKind kind, String subject, String message) {
        Notification n = new Notification();
        n.recipient = recipient;
        n.kind = kind.name();
        n.subject = subject;
        n.message = message;
        n.createdAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        return persist(n).replaceWithVoid();
    }

    /** Whether the recipient was already sent a notification of this kind and subject (within the caller's session). */
    public Uni<Boolean> sent(String recipient, NotificationKind kind, String subject) {
        return count("recipient = ?1 and kind = ?2 and subject = ?3", recipient, kind.name(), subject).map(n -> n > 0);
    }

    @WithSession
    public Uni<List<Notification>> inbox(String recipient, Long before, int limit) {
        return before == null
                ? find("recipient", Sort.descending("id"), recipient).range(0, limit - 1).list()
                : find("recipient = ?1 and id < ?2", Sort.descending("id"), recipient, before).range(0, limit - 1).list();
    }
}
