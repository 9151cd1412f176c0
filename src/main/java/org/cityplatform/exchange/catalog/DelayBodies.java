package org.cityplatform.exchange.catalog;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Request and response bodies of delay reports (docs/api.md, "Delay reports"; Art. 28). */
public final class DelayBodies {

    private DelayBodies() {
    }

    /** {@code reason} is checked by the service: a missing one is REASON_REQUIRED, not a bad body. */
    public record FileDelay(@Size(max = 2000) String reason, @NotNull LocalDate expectedBy) {
    }

    public record DelayReportView(long id, String dataset, String reason, LocalDate expectedBy, OffsetDateTime filedAt,
                                  String filedBy) {

        static DelayReportView of(DelayReport r) {
            return new DelayReportView(r.id, r.dataset, r.reason, r.expectedBy, r.filedAt, r.filedBy);
        }
    }

    public record DelayReportList(List<DelayReportView> delays) {
    }

    /** The open report as a dataset's entry shows it. */
    public record DelayMark(String reason, LocalDate expectedBy, OffsetDateTime filedAt) {
    }
}
