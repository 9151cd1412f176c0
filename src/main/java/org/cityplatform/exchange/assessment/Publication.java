package org.cityplatform.exchange.assessment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A published year (Art. 34): its frozen figures, the center's advice to each agency, whether it is
 * an interim report (figures to {@code to}, replaced by the next publication) or the final one, the
 * publisher and contact line it was published under, the written criticisms of the year
 * (Art. 35, 36), and the weights its scores were computed with (Art. 33; null when not scored).
 */
public record Publication(int year, LocalDate from, LocalDate to, List<AgencyAssessment> agencies,
                          Map<String, String> advice, OffsetDateTime publishedAt, boolean interim, String publisher,
                          String contact, List<PublishedCriticism> criticisms, Map<String, Double> weights) {
}
