package org.cityplatform.exchange.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Fuzzes every Art. 16 key check with text that is mostly almost a key: the characters the standards allow, mixed
 * with the ones that have fooled key checks before (full-width digits, the dotless i and long s that upper-case into
 * ASCII, NUL, lone surrogates, the ideographic space), and keys valid by construction with a check character worked
 * out independently. Every check must either return a canonical form or refuse with {@link InvalidKeyException};
 * a canonical form must be accepted unchanged (canonical(canonical(x)) == canonical(x)); and a key built valid must
 * be accepted.
 */
class SubjectKeysFuzzTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    private record Check(String name, UnaryOperator<String> canonical, Function<String, Boolean> isValid) {
    }

    private static final List<Check> CHECKS = List.of(
            new Check("resident identity number", raw -> ResidentIdNumber.canonical(raw, TODAY),
                    raw -> ResidentIdNumber.isValid(raw, TODAY)),
            new Check("unified social credit code", UnifiedSocialCreditCode::canonical,
                    UnifiedSocialCreditCode::isValid),
            new Check("organization code", OrganizationCode::canonical, OrganizationCode::isValid),
            new Check("registration number", RegistrationNumber::canonical, RegistrationNumber::isValid),
            new Check("object key", ObjectKey::canonical, ObjectKey::isValid),
            new Check("PERSON key", raw -> SubjectKeys.canonical(SubjectType.PERSON, raw), null),
            new Check("ENTITY key", raw -> SubjectKeys.canonical(SubjectType.ENTITY, raw), null),
            new Check("OBJECT key", raw -> SubjectKeys.canonical(SubjectType.OBJECT, raw), null),
            new Check("key of any type", SubjectKeys::canonicalAnyType, null));

    /** What keys are made of, and what has been mistaken for it. */
    private static final String ALPHABET = "0123456789X0123456789ABCDEFGHJKLMNPQRTUWXYabcxyz-,.:_ +e"
            + "\u0000\t\u3000\uFF10\uFF11\uFF38\u0131\u017F\u212A\u00B2\u0660\uD800\uDC00";

    @FuzzTest(maxDuration = "10s")
    void everyCheckRefusesOnlyWithInvalidKeyAndAcceptsItsOwnCanonicalForm(FuzzedDataProvider data) {
        String raw = switch (data.consumeInt(0, 3)) {
            case 0 -> validByConstruction(data);
            case 1 -> almostAKey(data);
            case 2 -> almostAKey(data) + "," + almostAKey(data);
            default -> data.consumeRemainingAsString();
        };
        for (Check check : CHECKS) {
            String canonical = canonicalOrNull(check, raw);
            if (check.isValid() != null) {
                assertEquals(canonical != null, check.isValid().apply(raw), check.name() + ": isValid agrees with "
                        + "canonical on " + shown(raw));
            }
            if (canonical != null) {
                assertEquals(canonical, canonicalOrNull(check, canonical), check.name() + ": the canonical form "
                        + shown(canonical) + " of " + shown(raw) + " is accepted as it is");
                assertEquals(canonical.strip(), canonical, check.name() + ": no whitespace around a canonical form");
                assertTrue(canonical.chars().allMatch(c -> c > 0x20 && c < 0x7F), check.name()
                        + ": a canonical form is printable ASCII, got " + shown(canonical));
            }
        }
    }

    /** The canonical form, or null when the check refused the key the documented way. */
    private static String canonicalOrNull(Check check, String raw) {
        try {
            String canonical = check.canonical().apply(raw);
            assertNotNull(canonical, check.name() + ": a result for " + shown(raw));
            return canonical;
        } catch (InvalidKeyException e) {
            assertNotNull(e.getMessage(), check.name() + ": a refusal says why");
            assertFalse(e.getMessage().isBlank(), check.name() + ": a refusal says why");
            return null;
        } catch (RuntimeException e) {
            throw new AssertionError(check.name() + " threw " + e + " on " + shown(raw), e);
        }
    }

    /** A key of one of the four checked kinds with its check character worked out by {@link IndependentChecks}. */
    private static String validByConstruction(FuzzedDataProvider data) {
        String key = switch (data.consumeInt(0, 3)) {
            case 0 -> IndependentChecks.completeResidentId(digits(data, 6)
                    + String.format("%04d%02d%02d", data.consumeInt(1900, 2025), data.consumeInt(1, 12),
                            data.consumeInt(1, 28))
                    + digits(data, 3));
            case 1 -> IndependentChecks.completeCreditCode(pick(data, IndependentChecks.CREDIT_CODE_ALPHABET, 17));
            case 2 -> {
                String code = IndependentChecks.completeOrganizationCode(
                        pick(data, IndependentChecks.DIGITS_AND_LETTERS, 8));
                yield data.consumeBoolean() ? code.substring(0, 8) + "-" + code.charAt(8) : code;
            }
            default -> IndependentChecks.completeRegistrationNumber(digits(data, 14));
        };
        // Written the ways people write them: lower case and pasted with surrounding space.
        String typed = data.consumeBoolean() ? key.toLowerCase(java.util.Locale.ROOT) : key;
        String typedKey = data.pickValue(List.of("", " ", "\u3000", "\t")) + typed + data.pickValue(List.of("", " "));
        assertTrue(canonicalOrNull(CHECKS.get(8), typedKey) != null, "a valid key " + shown(typedKey)
                + " is accepted for lookups of any type");
        return typedKey;
    }

    private static String almostAKey(FuzzedDataProvider data) {
        StringBuilder out = new StringBuilder();
        for (int n = data.consumeInt(0, 20); n > 0; n--) {
            out.append(ALPHABET.charAt(data.consumeInt(0, ALPHABET.length() - 1)));
        }
        return out.toString();
    }

    private static String digits(FuzzedDataProvider data, int count) {
        return pick(data, IndependentChecks.DIGITS, count);
    }

    private static String pick(FuzzedDataProvider data, String alphabet, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(alphabet.charAt(data.consumeInt(0, alphabet.length() - 1)));
        }
        return out.toString();
    }

    private static String shown(String text) {
        StringBuilder out = new StringBuilder("'");
        text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c)
                : String.format("\\u{%X}", c)));
        return out.append("'").toString();
    }
}
