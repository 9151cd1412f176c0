package org.cityplatform.exchange.catalog;

import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.problem.ProblemException;

/** The rules every state of a catalog entry keeps, whether registered, edited or classified. */
final class CatalogRules {

    private CatalogRules() {
    }

    /** Art. 19: data the law forbids sharing generally needs the legal basis for this sharing. */
    static void requireLegalBasis(SharingClass sharingClass, String legalBasis) {
        if (sharingClass == SharingClass.SPECIAL && (legalBasis == null || legalBasis.isBlank())) {
            throw new ProblemException(ProblemCode.LEGAL_BASIS_REQUIRED,
                    "a SPECIAL dataset must name its legal basis (Art. 19)");
        }
    }
}
