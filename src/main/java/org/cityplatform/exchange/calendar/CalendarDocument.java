package org.cityplatform.exchange.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A year's calendar in the shape of the holiday-cn files, so the center can PUT such a file as it
 * is ({@code $schema} and {@code $id} are accepted and ignored). Dates stay strings here so that a
 * bad one is refused with a problem naming it, not with a parser's message.
 */
@JsonIgnoreProperties({"$schema", "$id"})
@Schema(name = "CalendarYear", description = "A year's public holidays and adjusted working days (调休)")
public record CalendarDocument(
        @Schema(example = "2026") Integer year,
        @Schema(description = "The State Council notices the days are taken from") List<String> papers,
        List<Day> days) {

    static final int MIN_YEAR = 1949;
    static final int MAX_YEAR = 2999;

    @Schema(name = "CalendarDay")
    public record Day(
            @Schema(example = "春节") String name,
            @Schema(example = "2026-02-16", format = "date") String date,
            @JsonProperty("isOffDay") @Schema(description = "true: a day off; false: an adjusted working day")
            Boolean isOffDay) {
    }

    public static CalendarDocument of(CalendarYear year) {
        return new CalendarDocument(year.year(), year.papers(), year.days().stream()
                .map(d -> new Day(d.name(), d.date().toString(), d.offDay())).toList());
    }

    /** The path's year, a plain four-digit year; anything else is refused before any lookup. */
    public static int year(String path) {
        try {
            int year = Integer.parseInt(path);
            if (year >= MIN_YEAR && year <= MAX_YEAR) {
                return year;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new ProblemException(ProblemCode.INVALID_REQUEST,
                "the year must be a year from " + MIN_YEAR + " to " + MAX_YEAR + ", not '" + path + "'");
    }

    /**
     * The validated year: {@code year} equals the path's, every date lies within the year or the
     * month before or after it (a notice may reach into the neighbouring year, never further), and
     * no date is listed twice.
     */
    public CalendarYear toYear(int pathYear) {
        if (year == null || year != pathYear) {
            throw invalid("the body's year " + year + " is not the year of the path, " + pathYear);
        }
        if (papers == null || papers.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw invalid("papers must be a list of the notices' addresses (an empty list when there are none)");
        }
        if (days == null) {
            throw invalid("days must be a list (an empty list when the year's notice is not published yet)");
        }
        LocalDate first = LocalDate.of(pathYear, 1, 1).minusMonths(1);
        LocalDate last = LocalDate.of(pathYear, 12, 31).plusMonths(1);
        Set<LocalDate> seen = new HashSet<>();
        List<CalendarDay> parsed = new ArrayList<>(days.size());
        for (Day day : days) {
            if (day == null || day.date() == null) {
                throw invalid("every day needs a date");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(day.date());
            } catch (DateTimeParseException e) {
                throw invalid("date '" + day.date() + "' is not a date (YYYY-MM-DD)");
            }
            if (date.isBefore(first) || date.isAfter(last)) {
                throw invalid("date " + date + " is outside " + pathYear + " and the month before and after it ("
                        + first + " to " + last + ")");
            }
            if (!seen.add(date)) {
                throw invalid("date " + date + " is listed twice");
            }
            if (day.name() == null || day.name().isBlank() || day.name().length() > 100) {
                throw invalid("date " + date + " needs a name of 1 to 100 characters");
            }
            if (day.isOffDay() == null) {
                throw invalid("date " + date + " needs isOffDay (true: a day off; false: an adjusted working day)");
            }
            parsed.add(new CalendarDay(day.name().strip(), date, day.isOffDay()));
        }
        return new CalendarYear(pathYear, papers.stream().map(String::strip).toList(), parsed);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemCode.INVALID_REQUEST, detail);
    }
}
