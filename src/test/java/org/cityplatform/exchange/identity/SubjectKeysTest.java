package org.cityplatform.exchange.identity;

import static org.cityplatform.exchange.identity.IndependentChecks.completeResidentId;
import static org.cityplatform.exchange.identity.IndependentChecks.creditCodeChecks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SubjectKeysTest {

    private static final String ENTITY_FORMS = "entity key must be a unified social credit code (18 characters), an"
            + " organization code (9 characters, or 10 written as XXXXXXXX-X) or a registration number (15 digits)";

    private static String rejection(SubjectType type, String raw) {
        return assertThrows(InvalidKeyException.class, () -> SubjectKeys.canonical(type, raw)).getMessage();
    }

    private static String rejectionForAnyType(String raw) {
        return assertThrows(InvalidKeyException.class, () -> SubjectKeys.canonicalAnyType(raw)).getMessage();
    }

    @Test
    void personKeysAreResidentIdentityNumbers() {
        assertEquals("11010519491231002X", SubjectKeys.canonical(SubjectType.PERSON, "11010519491231002x"));
    }

    @Test
    void personKeysAreNotAcceptedInAnyOtherForm() {
        assertEquals("resident identity number must have a digit at position 9, got 'M'",
                rejection(SubjectType.PERSON, "91350100M000100Y43"));
        assertEquals("resident identity number must be 18 characters, got 9",
                rejection(SubjectType.PERSON, "D2143569X"));
    }

    @ParameterizedTest
    @CsvSource({
        "91350100m000100y43, 91350100M000100Y43",
        "d2143569x,          D2143569X",
        "d2143569-x,         D2143569X",
        "110108000000016,    110108000000016"})
    void entityKeysArePickedByShapeCreditCodeOrganizationCodeOrRegistrationNumber(String raw, String canonical) {
        assertEquals(canonical, SubjectKeys.canonical(SubjectType.ENTITY, raw));
    }

    @Test
    void entityKeysReportTheRuleOfTheFormTheyLookLike() {
        assertEquals("check character of unified social credit code 91350100M000100Y44 should be '3', got '4'",
                rejection(SubjectType.ENTITY, "91350100M000100Y44"));
        assertEquals("check character of organization code D2143569-5 should be 'X', got '5'",
                rejection(SubjectType.ENTITY, "D2143569-5"));
        assertEquals("registration number must be digits only, got 'A' at position 3",
                rejection(SubjectType.ENTITY, "11A108000000016"));
    }

    @ParameterizedTest
    @CsvSource({"D2143569, 8", "D21435690X, 10", "9135010000, 10", "91350100M000100Y4, 17", "1101080000000160, 16"})
    void entityKeysOfNoKnownShapeListTheThreeAcceptedForms(String raw, int length) {
        assertEquals(ENTITY_FORMS + ", got " + length + " characters", rejection(SubjectType.ENTITY, raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "31.2304,121.4737  | 31.230400,121.473700",
        "bldg-0042         | BLDG-0042",
        "11010519491231002x | 11010519491231002X"})
    void objectKeysAreCoordinatesOrObjectCodes(String raw, String canonical) {
        assertEquals(canonical, SubjectKeys.canonical(SubjectType.OBJECT, raw));
    }

    @Test
    void surroundingWhitespaceIsTrimmedForEveryType() {
        assertEquals("11010519491231002X", SubjectKeys.canonical(SubjectType.PERSON, " 11010519491231002x\t"));
        assertEquals("D2143569X", SubjectKeys.canonical(SubjectType.ENTITY, "\u3000D2143569-X\u3000"));
        assertEquals("110108000000016", SubjectKeys.canonical(SubjectType.ENTITY, "\n110108000000016 "));
        assertEquals("31.230400,121.473700", SubjectKeys.canonical(SubjectType.OBJECT, "  31.2304 , 121.4737  "));
    }

    @ParameterizedTest
    @EnumSource(SubjectType.class)
    void aNullOrBlankKeyIsMissingForEveryType(SubjectType type) {
        for (String blank : Arrays.asList(null, "", " ", "\t\r\n", "\u3000")) {
            assertEquals("key is missing", rejection(type, blank));
        }
    }

    @Test
    void theSubjectTypeItselfIsRequired() {
        assertThrows(NullPointerException.class, () -> SubjectKeys.canonical(null, "11010519491231002X"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "11010519491231002x | 11010519491231002X",
        "91350100m000100y43 | 91350100M000100Y43",
        "d2143569x          | D2143569X",
        "110108000000016    | 110108000000016",
        "31.2304,121.4737   | 31.230400,121.473700",
        "bldg-0042          | BLDG-0042"})
    void anyTypeLookupFindsTheFormTheKeyIsValidIn(String raw, String canonical) {
        assertEquals(canonical, SubjectKeys.canonicalAnyType(raw));
    }

    @Test
    void anyTypeLookupPrefersAnEntityFormToAnObjectCode() {
        assertEquals("D2143569-X", ObjectKey.canonical("d2143569-x"));
        assertEquals("D2143569X", SubjectKeys.canonicalAnyType("d2143569-x"));
    }

    @Test
    void anyTypeLookupPrefersAPersonWhenAKeyPassesBothGb11643AndGb32100() {
        String both = IntStream.range(100, 1000)
                .mapToObj(seq -> completeResidentId("11010519900307" + seq))
                .filter(key -> creditCodeChecks(key))
                .findFirst()
                .orElseThrow();
        assertTrue(ResidentIdNumber.isValid(both));
        assertTrue(UnifiedSocialCreditCode.isValid(both));
        assertEquals(both, SubjectKeys.canonicalAnyType(both));
        assertEquals(ResidentIdNumber.canonical(both), SubjectKeys.canonicalAnyType(both));
    }

    /** A key that fails its check resolves as an object code, which no stored person or entity key can equal. */
    @Test
    void anyTypeLookupTreatsAMistypedResidentIdAsAnObjectCode() {
        assertFalse(ResidentIdNumber.isValid("110105194912310025"));
        assertFalse(UnifiedSocialCreditCode.isValid("110105194912310025"));
        assertEquals("110105194912310025", SubjectKeys.canonicalAnyType("110105194912310025"));
    }

    @Test
    void anyTypeLookupTreatsNineCharacterCodesThatFailGb11714AsObjectCodes() {
        assertFalse(OrganizationCode.isValid("BUILDING1"));
        assertEquals("BUILDING1", SubjectKeys.canonicalAnyType("building1"));
    }

    @Test
    void anyTypeLookupExplainsWhyAKeyFitsNoType() {
        assertEquals("not a resident identity number, entity key or object key: object code has ' ' (U+0020) at"
                + " position 2; only letters, digits and _ . : - are allowed", rejectionForAnyType("a b"));
        assertEquals("not a resident identity number, entity key or object key: latitude 91 is outside [-90, 90]",
                rejectionForAnyType("91,0"));
        assertEquals("key is missing", rejectionForAnyType(" "));
        assertEquals("key is missing", rejectionForAnyType(null));
    }
}
