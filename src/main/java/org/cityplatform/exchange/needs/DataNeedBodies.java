package org.cityplatform.exchange.needs;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.cityplatform.exchange.identity.SubjectType;

/** The JSON bodies of the data needs API (docs/api.md, "Data needs"). */
public final class DataNeedBodies {

    private DataNeedBodies() {
    }

    public record FileNeed(@NotBlank @Size(max = 4000) String description, @NotNull SubjectType subjectType,
                           @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 200) String> elements,
                           @NotBlank @Size(max = 2000) String purpose, @NotBlank @Size(max = 2000) String legalDuty) {
    }

    public record Assignment(@NotBlank @Size(max = 32) String provider, @NotNull LocalDate dueOn) {
    }

    public record Fulfilment(@NotBlank @Size(max = 64) String dataset) {
    }

    public record Decline(@Size(max = 2000) String reason) {
    }

    public record DataNeedView(long id, String agency, String description, SubjectType subjectType,
                               List<String> elements, String purpose, String legalDuty, DataNeedStatus status,
                               OffsetDateTime filedAt, String filedBy, String provider, LocalDate dueOn,
                               OffsetDateTime assignedAt, String dataset, OffsetDateTime fulfilledAt,
                               String declineReason, OffsetDateTime declinedAt) {

        static DataNeedView of(DataNeed n) {
            return new DataNeedView(n.id, n.agency, n.description, n.subjectType, List.of(n.elements), n.purpose,
                    n.legalDuty, n.status, n.filedAt, n.filedBy, n.provider, n.dueOn, n.assignedAt, n.dataset,
                    n.fulfilledAt, n.declineReason, n.declinedAt);
        }
    }

    public record DataNeedList(List<DataNeedView> needs) {
    }
}
