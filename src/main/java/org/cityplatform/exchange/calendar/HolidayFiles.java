package org.cityplatform.exchange.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The holiday notices that ship with the gateway: resources calendar/holidays-cn, taken from
 * holiday-cn (MIT; see the folder's README.md for the provenance), read and validated like a PUT.
 */
public final class HolidayFiles {

    static final String FOLDER = "calendar/holidays-cn/";
    /** The year files in the folder; a new shipped year is added here with its file. */
    static final List<Integer> YEARS = List.of(2024, 2025, 2026, 2027);

    private HolidayFiles() {
    }

    public static List<CalendarYear> shipped(ObjectMapper json) {
        return YEARS.stream().map(year -> {
            try (InputStream in = HolidayFiles.class.getClassLoader().getResourceAsStream(FOLDER + year + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("shipped calendar " + FOLDER + year + ".json is missing");
                }
                return json.readValue(in, CalendarDocument.class).toYear(year);
            } catch (IOException e) {
                throw new UncheckedIOException("shipped calendar " + year + " is unreadable", e);
            }
        }).toList();
    }
}
