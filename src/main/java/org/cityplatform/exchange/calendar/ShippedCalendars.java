package org.cityplatform.exchange.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Stores the shipped holiday notices ({@link HolidayFiles}) at start for each year the database
 * does not have yet. A year the center has put is never overwritten: the database is the source of
 * truth, the files only its first content.
 */
@ApplicationScoped
public class ShippedCalendars {

    static final String SHIPPED_BY = "shipped";

    private static final Logger LOG = Logger.getLogger(ShippedCalendars.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final CalendarStore store;
    private final Calendars calendars;
    private final ObjectMapper json;

    ShippedCalendars(CalendarStore store, Calendars calendars, ObjectMapper json) {
        this.store = store;
        this.calendars = calendars;
        this.json = json;
    }

    void onStart(@Observes StartupEvent start) {
        for (CalendarYear year : HolidayFiles.shipped(json)) {
            if (store.saveIfAbsent(year, SHIPPED_BY).await().atMost(STARTUP_TIMEOUT)) {
                LOG.infof("calendar %d stored from the shipped holiday notices (%d days)", year.year(), year.days().size());
            }
        }
        calendars.reload().await().atMost(STARTUP_TIMEOUT);
    }
}
