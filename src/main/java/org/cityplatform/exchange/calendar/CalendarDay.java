package org.cityplatform.exchange.calendar;

import java.time.LocalDate;

/**
 * One date of a year's holiday notice: a day off ({@code offDay}), or an adjusted working day
 * (调休, {@code offDay == false}) that is worked although it falls on a weekend.
 */
public record CalendarDay(String name, LocalDate date, boolean offDay) {
}
