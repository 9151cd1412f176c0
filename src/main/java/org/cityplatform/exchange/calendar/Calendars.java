package org.cityplatform.exchange.calendar;

import org.cityplatform.exchange.infra.CityDays;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.cityplatform.exchange.infra.Invalidations;
import org.jboss.logging.Logger;

/**
 * The current working-day calendar (Art. 20 deadlines), read from the database and kept in memory.
 * A PUT of a year reloads it on this instance at once and, through the invalidation channel, on
 * every other instance within a second; while that channel is not trusted (Redis down) the
 * calendar is reloaded when it is older than {@link #UNTRUSTED_MAX_AGE_NANOS}.
 *
 * <p>Callers take one {@link WorkingDays} per computation: it is immutable, so a deadline computed
 * before an update keeps its date, and the ones computed after use the new calendar.
 */
@ApplicationScoped
public class Calendars {

    /** Deadlines are civil dates in the city's time zone, whatever zone the servers run in. */
    public static final ZoneId ZONE = CityDays.ZONE;

    private static final Logger LOG = Logger.getLogger(Calendars.class);
    private static final long UNTRUSTED_MAX_AGE_NANOS = 30_000_000_000L;

    private record Snapshot(WorkingDays days, long generation, long loadedAtNanos) {
    }

    private final CalendarStore store;
    private final Invalidations invalidations;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    Calendars(CalendarStore store, Invalidations invalidations, Clock clock) {
        this.store = store;
        this.invalidations = invalidations;
        this.clock = clock;
        // A null topic is a flush: the channel was lost for a while and anything may have changed.
        invalidations.listen(i -> {
            if (i.topic() == null || i.topic() == Invalidations.Topic.CALENDAR) {
                generation.incrementAndGet();
            }
        });
    }

    /** The calendar as it is now: from memory, or read again after an update. */
    public Uni<WorkingDays> current() {
        Snapshot s = snapshot.get();
        return fresh(s) ? Uni.createFrom().item(s.days()) : reload();
    }

    /** Reads the calendar from the database again (after a PUT, and at start). */
    public Uni<WorkingDays> reload() {
        long loading = generation.get();
        return store.all().map(WorkingDays::of).invoke(days -> {
            Snapshot loaded = new Snapshot(days, loading, System.nanoTime());
            snapshot.accumulateAndGet(loaded, (old, now) -> old != null && old.generation() > now.generation() ? old : now);
        });
    }

    /**
     * The last calendar read, without waiting for the database (for metrics); null before the
     * first read. When it is out of date a reload is started for the next call.
     */
    public WorkingDays latest() {
        Snapshot s = snapshot.get();
        if (!fresh(s)) {
            reload().subscribe().with(d -> { }, e -> LOG.warnf("calendar not reloaded: %s", e.getMessage()));
        }
        return s == null ? null : s.days();
    }

    /** Today in the city (Asia/Shanghai), by the injected clock: the filing day of what happens now. */
    public LocalDate today() {
        return CityDays.today(clock);
    }

    /** Tells every instance, this one at once, that the calendar changed. */
    Uni<Void> announce(int year) {
        return invalidations.publish(Invalidations.Topic.CALENDAR, String.valueOf(year));
    }

    private boolean fresh(Snapshot s) {
        if (s == null || s.generation() != generation.get()) {
            return false;
        }
        return invalidations.trusted() || System.nanoTime() - s.loadedAtNanos() < UNTRUSTED_MAX_AGE_NANOS;
    }
}
