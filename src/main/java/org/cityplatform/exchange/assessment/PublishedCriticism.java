package org.cityplatform.exchange.assessment;

import java.time.OffsetDateTime;

/** A written criticism of the year as its report publishes it (Art. 35, 36): addressee, text, when. */
public record PublishedCriticism(long id, String agency, String text, Long order, OffsetDateTime issuedAt) {
}
