package org.cityplatform.exchange.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Request and response bodies of applications and grants (docs/api.md, "Access"). */
public final class AccessBodies {

    private AccessBodies() {
    }

    public record SubmitApplication(
            @NotBlank @Size(max = 64) String dataset,
            @NotBlank @Size(max = 2000) String purpose,
            @NotEmpty @Size(max = 500) List<@NotBlank @Size(max = 64) String> fields,
            @NotNull DataUse use,
            @NotNull LocalDate validUntil,
            @Size(min = 1, max = 3) List<@NotNull GrantScope> scopes,
            @Valid Confidentiality confidentiality) {
    }

    /**
     * Art. 24: who will know CONDITIONAL or SPECIAL data, by name or post, and who acknowledged
     * the duty of confidentiality for them.
     */
    public record Confidentiality(
            @NotBlank @Size(max = 200) String acknowledgedBy,
            @NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 200) String> persons) {

        static Confidentiality of(String acknowledgedBy, String[] persons) {
            return acknowledgedBy == null ? null : new Confidentiality(acknowledgedBy, List.of(persons));
        }
    }

    public record ProviderDecision(@NotNull Boolean approve, @Size(max = 2000) String reason) {
    }

    public record Refusal(@Size(max = 2000) String reason) {
    }

    public record Designation(
            @NotBlank @Size(max = 32) String consumer,
            @NotBlank @Size(max = 64) String dataset,
            @NotEmpty @Size(max = 500) List<@NotBlank @Size(max = 64) String> fields,
            @NotBlank @Size(max = 2000) String purpose,
            @NotNull DataUse use,
            @NotNull LocalDate validUntil,
            @Size(min = 1, max = 3) List<@NotNull GrantScope> scopes,
            @Valid Confidentiality confidentiality) {
    }

    public record StepView(ApplicationStatus from, ApplicationStatus to, String by, String agency, String note,
                           OffsetDateTime at) {

        static StepView of(ApplicationStep s) {
            return new StepView(s.fromStatus, s.toStatus, s.bySub, s.byAgency, s.note, s.at);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApplicationView(long id, String consumer, String dataset, String purpose, List<String> fields,
                                  DataUse use, LocalDate validUntil, List<GrantScope> scopes,
                                  Confidentiality confidentiality, ApplicationStatus status, String reason,
                                  LocalDate providerDue, Long grant, OffsetDateTime submittedAt,
                                  OffsetDateTime decidedAt, List<StepView> steps) {

        static ApplicationView of(Application a, List<ApplicationStep> steps) {
            return new ApplicationView(a.id, a.consumer, a.dataset, a.purpose, List.of(a.fields), a.use, a.validUntil,
                    sorted(a.scopes), Confidentiality.of(a.confidentialityAcknowledgedBy,
                    a.confidentialityPersons), a.status, a.reason, a.providerDue, a.grantId, a.submittedAt,
                    a.decidedAt, steps == null ? null : steps.stream().map(StepView::of).toList());
        }
    }

    public record ApplicationList(List<ApplicationView> applications) {
    }

    public enum GrantState { ACTIVE, EXPIRED, REVOKED }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GrantView(long id, String consumer, String dataset, List<String> fields, String purpose,
                            DataUse use, LocalDate validUntil, List<GrantScope> scopes,
                            Confidentiality confidentiality, Long application, OffsetDateTime grantedAt,
                            OffsetDateTime revokedAt, GrantState status, String revokedReason) {

        static GrantView of(Grant g, LocalDate today) {
            GrantState state = g.revokedAt != null ? GrantState.REVOKED
                    : g.validUntil.isBefore(today) ? GrantState.EXPIRED : GrantState.ACTIVE;
            return new GrantView(g.id, g.consumer, g.dataset, List.of(g.fields), g.purpose, g.use, g.validUntil,
                    sorted(g.scopes), Confidentiality.of(g.confidentialityAcknowledgedBy, g.confidentialityPersons),
                    g.application, g.grantedAt, g.revokedAt, state, g.revokedReason);
        }
    }

    public record GrantList(List<GrantView> grants) {
    }

    private static List<GrantScope> sorted(String[] scopes) {
        return GrantScope.of(scopes).stream().sorted().toList();
    }
}
