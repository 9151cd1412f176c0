package org.cityplatform.exchange.agency;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

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

    public record AgreementView(String version, String signedBy, OffsetDateTime signedAt) {
    }

    public record AgencyView(String code, String name, AgencyKind kind, AgencyStatus status,
                             OffsetDateTime registeredAt, AgreementView agreement) {

        static AgencyView of(Agency a) {
            AgreementView agreement = a.hasSignedAgreement()
                    ? new AgreementView(a.agreementVersion, a.agreementSignedBy, a.agreementSignedAt)
                    : null;
            return new AgencyView(a.code, a.name, a.kind, a.status, a.registeredAt, agreement);
        }
    }

    public record AgencyList(java.util.List<AgencyView> agencies) {
    }
}
