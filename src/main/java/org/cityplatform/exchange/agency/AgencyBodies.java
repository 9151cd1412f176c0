package org.cityplatform.exchange.agency;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.cityplatform.exchange.security.Caller;

/** Request and response bodies of the agencies API (docs/api.md, "Agencies"). */
public final class AgencyBodies {

    private AgencyBodies() {
    }

    public record RegisterAgency(
            @NotBlank @Size(max = 32) String code,
            @NotBlank @Size(max = 200) String name,
            @NotNull AgencyKind kind) {
    }

    public record SignAgreement(
            @NotBlank @Size(max = 200) String signedBy,
            @NotBlank @Size(max = 32) String version) {
    }

    public record ChangeStatus(
            @NotNull AgencyStatus status,
            @Size(max = 2000) String reason) {
    }

    /** The person responsible for an agency's data sharing (Art. 28). */
    public record Contact(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Size(max = 32) @Pattern(regexp = "\\+?[0-9][0-9 -]*[0-9]",
                    message = "digits, with '+', '-' and spaces between them") String phone,
            @NotBlank @Size(max = 254) @Pattern(regexp = "[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+",
                    message = "an address like name@example.gov.cn") String email) {
    }

    public record ChangeContact(@NotNull @Valid Contact contact) {
    }

    public record AgreementView(String version, String signedBy, OffsetDateTime signedAt) {
    }

    public record AgencyView(String code, String name, AgencyKind kind, AgencyStatus status,
                             OffsetDateTime registeredAt, AgreementView agreement, Contact contact) {

        /** Art. 28's contact is shown to the center and to the agency itself, not to other agencies. */
        static AgencyView of(Agency a, Caller viewer) {
            AgreementView agreement = a.hasSignedAgreement()
                    ? new AgreementView(a.agreementVersion, a.agreementSignedBy, a.agreementSignedAt)
                    : null;
            Contact contact = a.hasContact() && (viewer.isCenter() || viewer.actsFor(a.code))
                    ? new Contact(a.contactName, a.contactPhone, a.contactEmail)
                    : null;
            return new AgencyView(a.code, a.name, a.kind, a.status, a.registeredAt, agreement, contact);
        }
    }

    public record AgencyList(java.util.List<AgencyView> agencies) {
    }
}
