package org.cityplatform.exchange.calendar;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports a missing or empty calendar for next year from 1 November on, in readiness details and
 * as the gauge {@code exchange.calendar.next.year.missing} (1 or 0). It never fails readiness:
 * without next year's notice deadlines still count weekdays, and taking every instance out of the
 * load balancer would stop far more than the objections workflow (Art. 20).
 */
@Readiness
@ApplicationScoped
@Startup
public class CalendarReadinessCheck implements AsyncHealthCheck {

    // The health endpoint is public: the failure is logged, never shown there.
    private static final Logger LOG = Logger.getLogger(CalendarReadinessCheck.class);

    static final String NAME = "calendar";

    private final Calendars calendars;

    CalendarReadinessCheck(Calendars calendars, MeterRegistry registry) {
        this.calendars = calendars;
        Gauge.builder("exchange.calendar.next.year.missing", this, CalendarReadinessCheck::nextYearMissing)
                .description("1 when next year's holiday calendar is missing or empty from 1 November on, else 0")
                .register(registry);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return calendars.current()
                .map(days -> HealthCheckResponse.named(NAME).up()
                        .withData(NAME, NextYearCalendar.warning(calendars.today(), days).orElse("OK"))
                        .build())
                .onFailure().invoke(e -> LOG.debugf("%s readiness: %s", "calendar", e.toString()))
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).up()
                        .withData(NAME, "UNKNOWN: calendar not readable")
                        .build());
    }

    private double nextYearMissing() {
        WorkingDays days = calendars.latest();
        if (days == null) {
            return Double.NaN;
        }
        return NextYearCalendar.warning(calendars.today(), days).isPresent() ? 1 : 0;
    }
}
