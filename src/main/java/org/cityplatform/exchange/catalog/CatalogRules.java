package org.cityplatform.exchange.catalog;

import java.util.List;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/** The rules every state of a catalog entry keeps, whether registered, edited or classified. */
public final class CatalogRules {

    private CatalogRules() {
    }

    /** Art. 19: data the law forbids sharing generally needs the legal basis for this sharing. */
    public static void requireLegalBasis(SharingClass sharingClass, String legalBasis) {
        if (sharingClass == SharingClass.SPECIAL && (legalBasis == null || legalBasis.isBlank())) {
            throw new ProblemException(ProblemCode.LEGAL_BASIS_REQUIRED,
                    "a SPECIAL dataset must name its legal basis (Art. 19)");
        }
    }

    /**
     * Art. 8: data involving privacy or commercial secrets is shared on conditions, so an
     * UNCONDITIONAL dataset carries no field marked sensitive.
     */
    public static void requireNoSensitiveInUnconditional(SharingClass sharingClass, List<FieldDefinition> fields) {
        if (sharingClass != SharingClass.UNCONDITIONAL) {
            return;
        }
        List<String> sensitive = fields.stream().filter(FieldDefinition::isSensitive).map(FieldDefinition::name).toList();
        if (!sensitive.isEmpty()) {
            throw new ProblemException(ProblemCode.SENSITIVE_IN_UNCONDITIONAL, "fields " + sensitive + " are marked "
                    + "sensitive: data involving privacy or commercial secrets is not UNCONDITIONAL (Art. 8)");
        }
    }
}
