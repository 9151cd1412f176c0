package org.cityplatform.exchange.identity;

import java.util.Objects;

/**
 * Single entry point through which the gateway turns a subject key into its canonical form, as required by Art. 16
 * of the city's data sharing policy: PERSON keys per GB 11643-1999, ENTITY keys per GB 32100-2015, GB 11714-1997 or
 * ISO 7064 MOD 11,10 (15-digit registration numbers), OBJECT keys as WGS-84 positions or city-wide object codes.
 *
 * <p>Callers store and compare only what this class returns, so one subject written in different ways (lower-case
 * check character, hyphenated organization code, coordinates with more decimals) always matches itself.
 */
public final class SubjectKeys {

    private static final int CREDIT_CODE_LENGTH = 18;
    private static final int ORGANIZATION_CODE_LENGTH = 9;
    private static final int REGISTRATION_NUMBER_LENGTH = 15;

    private SubjectKeys() {
    }

    /** Canonical form of {@code raw} for a dataset whose catalog entry declares subject type {@code type}. */
    public static String canonical(SubjectType type, String raw) {
        Objects.requireNonNull(type, "type");
        String key = KeyText.present(raw);
        return switch (type) {
            case PERSON -> ResidentIdNumber.canonical(key);
            case ENTITY -> entity(key);
            case OBJECT -> ObjectKey.canonical(key);
        };
    }

    /**
     * Canonical form of a key whose subject type is unknown, for lookups across datasets.
     *
     * <p>Precedence, most specific first:
     * <ol>
     *   <li>18 characters of which the first 17 are digits, and a valid resident identity number: PERSON. An
     *       all-digit credit code can have the same shape, and some 18-character strings pass both checks; those are
     *       treated as a person. The canonical text is the same either way (the 18 characters in upper case), so
     *       the precedence only decides which check is tried first.</li>
     *   <li>Shaped like an entity key (see {@link #canonical}) and valid as that form: ENTITY. This is where the
     *       order shows: {@code D2143569-X} is the organization code {@code D2143569X}, not an object code that keeps
     *       its hyphen.</li>
     *   <li>Otherwise an OBJECT key.</li>
     * </ol>
     * A key that fails its person or entity check but is a well-formed object code (for example a resident identity
     * number with a typo) therefore resolves as an object code. That cannot match the wrong person or entity: their
     * stored keys all pass their check, so they never equal a key that failed it. The lookup just finds nothing.
     */
    public static String canonicalAnyType(String raw) {
        String key = KeyText.present(raw);
        if (looksLikeResidentId(key)) {
            try {
                return ResidentIdNumber.canonical(key);
            } catch (InvalidKeyException notAPerson) {
                // An all-digit credit code has the same shape; let the entity rules decide.
            }
        }
        if (entityForm(key) != EntityForm.NONE) {
            try {
                return entity(key);
            } catch (InvalidKeyException notAnEntity) {
                // Object codes may have the same lengths as entity keys.
            }
        }
        try {
            return ObjectKey.canonical(key);
        } catch (InvalidKeyException e) {
            throw new InvalidKeyException("not a resident identity number, entity key or object key: "
                    + e.getMessage());
        }
    }

    private enum EntityForm { CREDIT_CODE, ORGANIZATION_CODE, REGISTRATION_NUMBER, NONE }

    private static String entity(String key) {
        return switch (entityForm(key)) {
            case CREDIT_CODE -> UnifiedSocialCreditCode.canonical(key);
            case ORGANIZATION_CODE -> OrganizationCode.canonical(key);
            case REGISTRATION_NUMBER -> RegistrationNumber.canonical(key);
            case NONE -> throw new InvalidKeyException("entity key must be a unified social credit code"
                    + " (18 characters), an organization code (9 characters, or 10 written as XXXXXXXX-X) or a"
                    + " registration number (15 digits), got " + KeyText.codePoints(key).length + " characters");
        };
    }

    /**
     * The three entity forms have distinct lengths, so length alone picks the standard; a 15-character key with a
     * letter in it is then refused by the registration number rule, which names the offending character.
     */
    private static EntityForm entityForm(String key) {
        int[] chars = KeyText.codePoints(key);
        if (chars.length == CREDIT_CODE_LENGTH) {
            return EntityForm.CREDIT_CODE;
        }
        if (chars.length == ORGANIZATION_CODE_LENGTH
                || (chars.length == ORGANIZATION_CODE_LENGTH + 1 && chars[ORGANIZATION_CODE_LENGTH - 1] == '-')) {
            return EntityForm.ORGANIZATION_CODE;
        }
        if (chars.length == REGISTRATION_NUMBER_LENGTH) {
            return EntityForm.REGISTRATION_NUMBER;
        }
        return EntityForm.NONE;
    }

    private static boolean looksLikeResidentId(String key) {
        if (key.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            if (!KeyText.isDigit(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
