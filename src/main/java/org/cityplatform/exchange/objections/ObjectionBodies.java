package org.cityplatform.exchange.objections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.cityplatform.exchange.audit.AuditedSubject;

/** The JSON bodies of the objections API (docs/api.md, "Objections"). */
public final class ObjectionBodies {

    private ObjectionBodies() {
    }

    public record FileObjection(@NotBlank @Size(max = 64) String dataset, @NotBlank @Size(max = 64) String key,
                                @NotNull ObjectionKind kind, @NotBlank @Size(max = 4000) String description) {
    }

    public record Review(@NotNull ReviewOutcome outcome, @Size(max = 4000) String note) {
    }

    public record ProviderResponse(@NotNull ProviderOutcome outcome, @Size(max = 4000) String note) {
    }

    /** {@code version}: the record's version objected to (null: an INCOMPLETE objection about a key not stored). */
    public record ObjectionView(long id, String dataset, String key, Long version, ObjectionKind kind,
                                String description, String consumer, ObjectionStatus status, LocalDate filedOn,
                                LocalDate reviewDue,
                                ReviewOutcome reviewOutcome, String reviewNote, OffsetDateTime reviewedAt,
                                LocalDate providerDue, ProviderOutcome providerOutcome, String providerNote,
                                OffsetDateTime providerAnsweredAt, OffsetDateTime resolvedAt, Long correctedVersion,
                                boolean overdue) implements AuditedSubject {

        /** Filing, reviewing and answering an objection handle the record of this key (Art. 31). */
        @Override
        public String auditedSubject() {
            return key;
        }

        static ObjectionView of(Objection o, LocalDate today) {
            return new ObjectionView(o.id, o.dataset, o.key, o.recordVersion, o.kind, o.description, o.consumer,
                    o.status, o.filedOn, o.reviewDue, o.reviewOutcome, o.reviewNote, o.reviewedAt, o.providerDue,
                    o.providerOutcome, o.providerNote, o.providerAnsweredAt, o.resolvedAt, o.correctedVersion,
                    o.overdueOn(today));
        }
    }

    /** A record as the review sees it: its data whole, its version, when it was stored. */
    public record VersionView(long version, OffsetDateTime at, JsonNode data) {

        static VersionView of(ObjectionService.StoredVersion v, ObjectMapper json) {
            if (v == null) {
                return null;
            }
            try {
                return new VersionView(v.version(), v.updatedAt(), json.readTree(v.data()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored record is not JSON", e);
            }
        }
    }

    /**
     * The record under an objection: {@code asFiled} (null for an INCOMPLETE objection about a key
     * not stored, and for objections filed before it was kept), {@code now} (null once removed).
     */
    public record RecordView(long objection, String dataset, String key, VersionView asFiled, VersionView now) {

        static RecordView of(ObjectionService.RecordUnderReview r, ObjectMapper json) {
            return new RecordView(r.objection().id, r.objection().dataset, r.objection().key,
                    VersionView.of(r.asFiled(), json), VersionView.of(r.now(), json));
        }
    }

    public record ObjectionList(List<ObjectionView> objections) {
    }
}
