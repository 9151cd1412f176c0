package org.cityplatform.exchange.agency;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.util.List;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/notifications")
@Authenticated
@Tag(name = "Notifications", description = "What concerns the calling agency")
public class NotificationResource {

    public record NotificationView(long id, String kind, String subject, String message, OffsetDateTime createdAt) {
    }

    public record Inbox(List<NotificationView> notifications, Long next) {
    }

    private final NotificationService notifications;
    private final Callers callers;

    NotificationResource(NotificationService notifications, Callers callers) {
        this.notifications = notifications;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "The calling agency's notifications, newest first",
            description = "Approvals on its datasets, consultations waiting for it, objections referred to it, overdue "
                    + "deadlines. A center token reads the center's own. Page with 'before' = 'next'.")
    public Uni<Inbox> inbox(@QueryParam("before") Long before, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ProblemException(ProblemCode.INVALID_REQUEST, "limit: must be from 1 to 1000");
        }
        return callers.current().flatMap(caller -> notifications.inbox(recipient(caller), before, limit))
                .map(list -> new Inbox(list.stream().map(n -> new NotificationView(n.id, n.kind, n.subject, n.message,
                        n.createdAt)).toList(), list.size() == limit ? list.get(list.size() - 1).id : null));
    }

    private static String recipient(Caller caller) {
        if (caller.agency() != null) {
            return caller.agency();
        }
        if (caller.isCenter()) {
            return Notification.CENTER;
        }
        throw new ProblemException(ProblemCode.FORBIDDEN_ROLE, "notifications are for agencies and the center");
    }
}
