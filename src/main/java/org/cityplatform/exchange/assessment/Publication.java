package org.cityplatform.exchange.assessment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A published year: its frozen figures and the center's advice to each agency (Art. 34). */
public record Publication(int year, LocalDate from, LocalDate to, List<AgencyAssessment> agencies,
                          Map<String, String> advice, OffsetDateTime publishedAt) {
}
