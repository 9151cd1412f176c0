package org.cityplatform.exchange.infra;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The city's days. Grants run to the end of their last day, deadlines count working days, and
 * assessments cover calendar years, all in the city's own time zone, whatever the server's.
 */
public final class CityDays {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private CityDays() {
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }
}
