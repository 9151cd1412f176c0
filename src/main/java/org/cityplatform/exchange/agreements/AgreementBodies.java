package org.cityplatform.exchange.agreements;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.cityplatform.exchange.agency.AgreementVersion;

/** Request and response bodies of the agreements API (docs/api.md, "Agreements"). */
public final class AgreementBodies {

    private AgreementBodies() {
    }

    public record PublishAgreement(
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
                    message = "letters, digits, '.', '_' and '-', starting with a letter or digit") String version,
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 200_000) String text,
            @NotNull LocalDate effectiveOn) {
    }

    /**
     * @param graceEndsOn the last day on which a signature of an earlier version still lets its agency read
     * @param inForce     whether this is the version agencies sign today
     */
    public record AgreementView(String version, String title, String text, String sha256, LocalDate effectiveOn,
                                LocalDate graceEndsOn, OffsetDateTime publishedAt, boolean inForce) {

        static AgreementView of(AgreementVersion v, String inForce) {
            return new AgreementView(v.version, v.title, v.text, v.sha256, v.effectiveOn, v.graceEndsOn,
                    v.publishedAt, v.version.equals(inForce));
        }
    }

    /** @param inForce the version in force today; null while none is */
    public record AgreementList(String inForce, List<AgreementView> versions) {
    }
}
