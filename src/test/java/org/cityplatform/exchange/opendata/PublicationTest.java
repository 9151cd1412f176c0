package org.cityplatform.exchange.opendata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An opening's state on a city day, as every open read decides it (Art. 24), without HTTP. */
class PublicationTest {

    private static final LocalDate DUE = LocalDate.of(2027, 6, 30);

    private static Publication stored(OpeningState state, LocalDate reviewDue) {
        OffsetDateTime at = OffsetDateTime.parse("2026-01-05T09:00:00+08:00");
        return new Publication("persons", List.of("name"), false, null, null, at, at, state, reviewDue);
    }

    @Test
    void art24_anApprovedOpeningIsPublishedThroughItsReviewDayAndSuspendedTheDayAfter() {
        Publication approved = stored(OpeningState.OPEN, DUE);
        assertTrue(approved.published(DUE.minusDays(1)));
        assertTrue(approved.published(DUE));
        assertEquals(OpeningState.SUSPENDED, approved.state(DUE.plusDays(1)));
        assertFalse(approved.published(DUE.plusDays(1)));
    }

    @Test
    void art24_onlyAnOpenOpeningIsPublished_entityAndObjectDataHaveNoReviewDate() {
        LocalDate today = LocalDate.of(2026, 3, 2);
        assertTrue(stored(OpeningState.OPEN, null).published(today));
        assertFalse(stored(OpeningState.PENDING_APPROVAL, null).published(today));
        assertFalse(stored(OpeningState.REFUSED, null).published(today));
        assertFalse(stored(OpeningState.SUSPENDED, DUE).published(today));
    }
}
