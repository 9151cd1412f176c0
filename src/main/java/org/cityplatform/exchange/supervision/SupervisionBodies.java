package org.cityplatform.exchange.supervision;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The JSON bodies of the supervision API (docs/api.md, "Supervision"). */
public final class SupervisionBodies {

    /** At most this many audit events back one violation: evidence is cited, not dumped. */
    public static final int MAX_EVIDENCE = 50;

    private SupervisionBodies() {
    }

    public record NewOrder(@NotBlank @Size(max = 32) String agency, @Size(min = 1, max = 64) String dataset,
                           @NotBlank @Size(max = 4000) String finding, @NotBlank @Size(max = 4000) String required,
                           @NotNull @Min(1) @Max(60) Integer dueWorkingDays) {
    }

    public record OrderResponse(@NotBlank @Size(max = 4000) String actions) {
    }

    public record OrderClosing(@NotNull Boolean accepted, @Size(max = 2000) String note) {
    }

    public record NewCriticism(@NotBlank @Size(max = 32) String agency, @NotBlank @Size(max = 4000) String text,
                               @Positive Long order) {
    }

    public record NewViolation(@NotBlank @Size(max = 32) String agency,
                               @NotBlank @Pattern(regexp = "Art\\. [1-9][0-9]{0,2}(\\([1-9][0-9]?\\))?",
                                       message = "an article as the measures are cited: 'Art. 36' or 'Art. 4(1)'")
                               String article,
                               @NotBlank @Size(max = 4000) String description,
                               @NotEmpty @Size(max = MAX_EVIDENCE) List<@NotNull @Positive Long> evidence) {
    }

    public record OrderView(long id, String agency, String dataset, String finding, String required,
                            int dueWorkingDays, OrderStatus status, LocalDate dueOn, boolean overdue, boolean late,
                            int reopened, OffsetDateTime orderedAt, String actions, OffsetDateTime respondedAt,
                            String note, OffsetDateTime closedAt) {

        static OrderView of(RectificationOrder o, LocalDate today) {
            return new OrderView(o.id, o.agency, o.dataset, o.finding, o.required, o.dueWorkingDays, o.status, o.dueOn,
                    o.overdueOn(today), o.late || o.overdueOn(today), o.reopened, o.orderedAt, o.actions,
                    o.respondedAt, o.closeNote, o.closedAt);
        }
    }

    public record OrderList(List<OrderView> orders) {
    }

    public record CriticismView(long id, String agency, String text, Long order, OffsetDateTime issuedAt) {

        static CriticismView of(Criticism c) {
            return new CriticismView(c.id, c.agency, c.text, c.orderId, c.issuedAt);
        }
    }

    public record CriticismList(List<CriticismView> criticisms) {
    }

    public record ViolationView(long id, String agency, String article, String description, List<Long> evidence,
                                OffsetDateTime recordedAt) {

        static ViolationView of(Violation v) {
            return new ViolationView(v.id, v.agency, v.article, v.description, List.of(v.evidence), v.recordedAt);
        }
    }

    public record ViolationList(List<ViolationView> violations) {
    }
}
