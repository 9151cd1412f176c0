package org.cityplatform.exchange.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.cityplatform.exchange.security.AgencyStanding;
import org.cityplatform.exchange.catalog.CatalogEntry;
import org.cityplatform.exchange.catalog.DatasetStatus;
import org.cityplatform.exchange.catalog.FieldDefinition;
import org.cityplatform.exchange.catalog.FieldType;
import org.cityplatform.exchange.catalog.SharingClass;
import org.cityplatform.exchange.identity.SubjectType;
import org.cityplatform.exchange.problem.ProblemCode;
import org.cityplatform.exchange.security.Caller;
import org.cityplatform.exchange.security.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access rules as one decision table (docs/policy.md, "Getting data": Art. 4(3), 17, 18, 19, 24,
 * 32): every sharing class, every kind of caller, agreement signed or not, every use and every kind
 * of read (scope). The consumer's grant in the table has the LOOKUP scope only.
 */
class AccessPolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final String PROVIDER = "11310000002420000A";
    private static final String CONSUMER = "91310000MA1FL8XQ37";
    private static final Set<String> GRANTED = Set.of("name");
    private static final Set<String> ALL = Set.of("name", "address");
    private static final Set<GrantScope> LOOKUP = Set.of(GrantScope.LOOKUP);

    enum Kind { PROVIDER, ACTIVE_GRANT, EXPIRED_GRANT, REVOKED_GRANT, NO_GRANT, CENTER, OPS }

    private static CatalogEntry dataset(SharingClass sharingClass) {
        return new CatalogEntry(1, "ds", PROVIDER, SubjectType.PERSON, sharingClass, DatasetStatus.ACTIVE,
                List.of(new FieldDefinition("name", FieldType.STRING, true, false, null, null),
                        new FieldDefinition("address", FieldType.STRING, false, true, null, null)), 0);
    }

    private static Caller caller(Kind kind) {
        return switch (kind) {
            case PROVIDER -> new Caller("p", PROVIDER, Role.AGENCY);
            case CENTER -> new Caller("c", null, Role.CENTER);
            case OPS -> new Caller("o", null, Role.OPS);
            default -> new Caller("s", CONSUMER, Role.AGENCY);
        };
    }

    private static List<GrantTerms> grants(Kind kind, DataUse use) {
        return switch (kind) {
            case ACTIVE_GRANT -> List.of(new GrantTerms(1, GRANTED, use, TODAY, false, LOOKUP));
            case EXPIRED_GRANT -> List.of(new GrantTerms(1, GRANTED, use, TODAY.minusDays(1), false, LOOKUP));
            case REVOKED_GRANT -> List.of(new GrantTerms(1, GRANTED, use, TODAY.plusDays(30), true, LOOKUP));
            default -> List.of();
        };
    }

    /** What the policy must answer: "ALL", "GRANTED" or a refusal code. */
    private static String expected(SharingClass sharingClass, Kind kind, boolean signed, DataUse use, GrantScope scope) {
        if (kind == Kind.OPS) {
            return "FORBIDDEN_ROLE";
        }
        if (kind == Kind.CENTER) {
            return "NO_GRANT"; // reading is no privilege of the center's role
        }
        if (!signed) {
            return "AGREEMENT_REQUIRED"; // Art. 32
        }
        if (kind == Kind.PROVIDER) {
            return "ALL";
        }
        if (sharingClass == SharingClass.UNCONDITIONAL && use == DataUse.DUTY) {
            return "ALL"; // Art. 17: no grant, every scope
        }
        if (kind != Kind.ACTIVE_GRANT) {
            return "NO_GRANT"; // Art. 4(3), 18, 19
        }
        return scope == GrantScope.LOOKUP ? "GRANTED" : "SCOPE_NOT_GRANTED"; // Art. 18, 24
    }

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (SharingClass sharingClass : SharingClass.values()) {
            for (Kind kind : Kind.values()) {
                for (boolean signed : new boolean[] {true, false}) {
                    for (DataUse use : DataUse.values()) {
                        for (GrantScope scope : GrantScope.values()) {
                            rows.add(Arguments.of(sharingClass, kind, signed, use, scope,
                                    expected(sharingClass, kind, signed, use, scope)));
                        }
                    }
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} read by {1}, agreement signed {2}, {3} use, scope {4}: {5}")
    @MethodSource("table")
    void everyReadIsDecidedByTheTable(SharingClass sharingClass, Kind kind, boolean signed, DataUse use, GrantScope scope,
                                      String expected) {
        Caller caller = caller(kind);
        AgencyStanding standing = caller.agency() == null ? null : new AgencyStanding(caller.agency(), true, signed);
        ReadDecision decision = AccessPolicy.decide(caller, standing, dataset(sharingClass), grants(kind, use), use, scope,
                TODAY);
        switch (expected) {
            case "ALL" -> {
                ReadDecision.Allowed allowed = (ReadDecision.Allowed) decision;
                assertEquals(ALL, allowed.fields());
                assertTrue(allowed.whole());
            }
            case "GRANTED" -> {
                ReadDecision.Allowed allowed = (ReadDecision.Allowed) decision;
                assertEquals(GRANTED, allowed.fields());
                assertEquals(false, allowed.whole());
            }
            default -> assertEquals(ProblemCode.valueOf(expected), ((ReadDecision.Refused) decision).code(),
                    () -> ((ReadDecision.Refused) decision).reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callerRefusals")
    void anUnknownOrSuspendedAgencyReadsNothing(AgencyStanding standing) {
        ReadDecision decision = AccessPolicy.decide(caller(Kind.ACTIVE_GRANT), standing, dataset(SharingClass.UNCONDITIONAL),
                List.of(), DataUse.DUTY, GrantScope.LOOKUP, TODAY);
        assertEquals(ProblemCode.UNKNOWN_AGENCY, ((ReadDecision.Refused) decision).code());
    }

    static Stream<Arguments> callerRefusals() {
        return Stream.of(Arguments.of((AgencyStanding) null), Arguments.of(new AgencyStanding(CONSUMER, false, true)));
    }

    @ParameterizedTest(name = "signed {0}, grace period ends {1}: {2}")
    @MethodSource("agreementStandings")
    void art32_aSupersededAgreementCountsThroughItsGracePeriodOnly(boolean signed, LocalDate graceEnds, String expected) {
        AgencyStanding standing = new AgencyStanding(CONSUMER, true, signed, graceEnds);
        ReadDecision decision = AccessPolicy.decide(caller(Kind.NO_GRANT), standing, dataset(SharingClass.UNCONDITIONAL),
                List.of(), DataUse.DUTY, GrantScope.LOOKUP, TODAY);
        if (expected.equals("ALL")) {
            assertEquals(ALL, ((ReadDecision.Allowed) decision).fields());
        } else {
            assertEquals(ProblemCode.valueOf(expected), ((ReadDecision.Refused) decision).code());
        }
    }

    static Stream<Arguments> agreementStandings() {
        return Stream.of(
                Arguments.of(true, null, "ALL"),                     // signed the version in force, or none published
                Arguments.of(true, TODAY.plusDays(1), "ALL"),        // superseded, within the grace period
                Arguments.of(true, TODAY, "ALL"),                    // the grace period's last day
                Arguments.of(true, TODAY.minusDays(1), "AGREEMENT_REQUIRED"),
                Arguments.of(false, null, "AGREEMENT_REQUIRED"));
    }

    @ParameterizedTest(name = "grant for {0} use, read for {1} use")
    @MethodSource("mismatchedUses")
    void aGrantServesOnlyTheUseItWasGivenFor_Art4(DataUse granted, DataUse read) {
        ReadDecision decision = AccessPolicy.decide(caller(Kind.ACTIVE_GRANT), new AgencyStanding(CONSUMER, true, true),
                dataset(SharingClass.CONDITIONAL), List.of(new GrantTerms(1, GRANTED, granted, TODAY, false, GrantScope.ALL)),
                read, GrantScope.LOOKUP, TODAY);
        assertEquals(ProblemCode.NO_GRANT, ((ReadDecision.Refused) decision).code());
    }

    /**
     * Art. 18, 24: of several grants on a dataset, a read sees the fields of those given for its
     * kind of read; a grant for other kinds only is SCOPE_NOT_GRANTED, not NO_GRANT.
     */
    @ParameterizedTest(name = "read with scope {0}: {1}")
    @MethodSource("scopedGrants")
    void art18_aReadSeesOnlyTheFieldsOfTheGrantsGivenForItsScope(GrantScope scope, String expected) {
        List<GrantTerms> held = List.of(
                new GrantTerms(1, Set.of("name"), DataUse.DUTY, TODAY, false, Set.of(GrantScope.LOOKUP, GrantScope.SYNC)),
                new GrantTerms(2, Set.of("address"), DataUse.DUTY, TODAY, false, Set.of(GrantScope.SYNC)),
                new GrantTerms(3, ALL, DataUse.DUTY, TODAY, true, GrantScope.ALL));
        ReadDecision decision = AccessPolicy.decide(caller(Kind.ACTIVE_GRANT), new AgencyStanding(CONSUMER, true, true),
                dataset(SharingClass.CONDITIONAL), held, DataUse.DUTY, scope, TODAY);
        assertEquals(expected, decision instanceof ReadDecision.Refused r ? r.code().name()
                : String.join(",", ((ReadDecision.Allowed) decision).fields().stream().sorted().toList()));
    }

    static Stream<Arguments> scopedGrants() {
        return Stream.of(Arguments.of(GrantScope.LOOKUP, "name"), Arguments.of(GrantScope.SYNC, "address,name"),
                Arguments.of(GrantScope.EXPORT, "SCOPE_NOT_GRANTED"));
    }

    static Stream<Arguments> mismatchedUses() {
        return Stream.of(Arguments.of(DataUse.DUTY, DataUse.DEVELOPMENT), Arguments.of(DataUse.DEVELOPMENT, DataUse.DUTY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pending")
    void aDatasetWaitingForClassificationIsReadOnlyByItsProvider(Kind kind, String expected) {
        CatalogEntry pending = new CatalogEntry(1, "ds", PROVIDER, SubjectType.PERSON, SharingClass.UNCONDITIONAL,
                DatasetStatus.PENDING_CLASSIFICATION, dataset(SharingClass.UNCONDITIONAL).fields(), 0);
        Caller caller = caller(kind);
        ReadDecision decision = AccessPolicy.decide(caller, new AgencyStanding(caller.agency(), true, true), pending,
                grants(kind, DataUse.DUTY), DataUse.DUTY, GrantScope.LOOKUP, TODAY);
        assertEquals(expected, decision instanceof ReadDecision.Refused r ? r.code().name() : "ALL");
    }

    static Stream<Arguments> pending() {
        return Stream.of(Arguments.of(Kind.PROVIDER, "ALL"), Arguments.of(Kind.ACTIVE_GRANT, "NO_GRANT"));
    }

    /**
     * Art. 3, 33: a RETIRING dataset is read as before until its day, so its consumers migrate; from
     * that day (the scheduled job or not) and once RETIRED, no one reads it, its provider included.
     */
    @ParameterizedTest(name = "{0} retiring on {1}, read by {2}: {3}")
    @MethodSource("retirements")
    void art33_aRetiredDatasetIsReadByNoOneAndARetiringOneAsBefore(DatasetStatus status, LocalDate retiresOn, Kind kind,
                                                                   String expected) {
        CatalogEntry entry = new CatalogEntry(1, "ds", PROVIDER, SubjectType.PERSON, SharingClass.CONDITIONAL, status,
                dataset(SharingClass.CONDITIONAL).fields(), 0, 1, retiresOn);
        Caller caller = caller(kind);
        ReadDecision decision = AccessPolicy.decide(caller, new AgencyStanding(caller.agency(), true, true), entry,
                grants(kind, DataUse.DUTY), DataUse.DUTY, GrantScope.LOOKUP, TODAY);
        assertEquals(expected, decision instanceof ReadDecision.Refused r ? r.code().name()
                : ((ReadDecision.Allowed) decision).whole() ? "ALL" : "GRANTED");
    }

    static Stream<Arguments> retirements() {
        return Stream.of(
                Arguments.of(DatasetStatus.RETIRING, TODAY.plusDays(1), Kind.ACTIVE_GRANT, "GRANTED"),
                Arguments.of(DatasetStatus.RETIRING, TODAY.plusDays(1), Kind.PROVIDER, "ALL"),
                Arguments.of(DatasetStatus.RETIRING, TODAY, Kind.ACTIVE_GRANT, "DATASET_RETIRED"),
                Arguments.of(DatasetStatus.RETIRING, TODAY.minusDays(3), Kind.PROVIDER, "DATASET_RETIRED"),
                Arguments.of(DatasetStatus.RETIRED, TODAY.minusDays(3), Kind.ACTIVE_GRANT, "DATASET_RETIRED"),
                Arguments.of(DatasetStatus.RETIRED, TODAY.minusDays(3), Kind.PROVIDER, "DATASET_RETIRED"),
                Arguments.of(DatasetStatus.RETIRED, TODAY.minusDays(3), Kind.OPS, "FORBIDDEN_ROLE"));
    }
}
