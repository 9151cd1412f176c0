package org.cityplatform.exchange.calendar;

import java.util.List;

/**
 * The State Council's holiday notice for one year as the platform keeps it: the notices it was
 * taken from ({@code papers}) and the dates that differ from the Monday-to-Friday rule. A year with
 * no days is known to be unpublished yet, which counts as missing for the readiness warning.
 */
public record CalendarYear(int year, List<String> papers, List<CalendarDay> days) {

    public CalendarYear {
        papers = List.copyOf(papers);
        days = List.copyOf(days);
    }

    public boolean published() {
        return !days.isEmpty();
    }
}
