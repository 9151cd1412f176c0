package org.cityplatform.exchange.assessment;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A published year: its frozen figures, the center's advice to each agency (Art. 34) and the
 * written criticisms of the year (Art. 35, 36).
 */
public record Publication(int year, LocalDate from, LocalDate to, List<AgencyAssessment> agencies,
                          Map<String, String> advice, OffsetDateTime publishedAt,
                          List<PublishedCriticism> criticisms) {

    /** A year without criticisms, as years published before criticisms were kept. */
    public Publication(int year, LocalDate from, LocalDate to, List<AgencyAssessment> agencies,
                       Map<String, String> advice, OffsetDateTime publishedAt) {
        this(year, from, to, agencies, advice, publishedAt, List.of());
    }
}
