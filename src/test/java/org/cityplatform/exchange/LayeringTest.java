package org.cityplatform.exchange;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The packages in their order, bottom first (docs/architecture.md, "Packages"): each may use only
 * those below it. A feature that needs something from above asks for it through an interface
 * declared below (security's AgencyStandings, infra's PendingWork), so there is no cycle to untangle.
 */
class LayeringTest {

    static final String BASE = "org.cityplatform.exchange";

    /** Bottom first. */
    static final List<String> LAYERS = List.of(
            "infra",        // request ids, clocks and city days, invalidation fan-out, trusted cache, pools, draining
            "identity",     // subject keys and their checks
            "problem",      // problem codes and how they are answered
            "security",     // who calls: tokens, roles, the caller's agency standing
            "audit",        // the trail
            "agency",
            "catalog",
            "calendar",
            "agreements",   // versions of the platform agreement (Art. 32): agency, calendar
            "needs",        // data needs (Art. 11): agencies, catalog
            "access",       // applications, grants, AccessPolicy
            "classification", // the center classifies with the provider (Art. 9); grants re-checked
            "quota",
            "objections",
            "supervision",  // rectification orders, written criticism, violations (Art. 35, 36)
            "pipeline",     // the steps every data request takes: authenticate, admit, authorize, audit
            "records",      // push, lookup, changes, export
            "opendata",
            "assessment",
            "ops");         // health, request gates, shutdown sequence: the top, used by no feature

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void everyPackageHasItsPlaceInTheOrder() {
        classes().should().resideInAnyPackage(LAYERS.stream().map(layer -> BASE + "." + layer + "..")
                        .toArray(String[]::new))
                .because("a package outside the order would escape the layering rule")
                .check(classes);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @TestFactory
    List<DynamicTest> eachPackageUsesOnlyThoseBelowIt() {
        return LAYERS.stream().map(layer -> DynamicTest.dynamicTest(layer + " uses only what is below it", () -> {
            List<String> above = LAYERS.subList(LAYERS.indexOf(layer) + 1, LAYERS.size());
            if (above.isEmpty()) {
                return;
            }
            noClasses().that().resideInAPackage(BASE + "." + layer + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above.stream()
                            .map(upper -> BASE + "." + upper + "..").toArray(String[]::new))
                    .check(classes);
        })).toList();
    }

    @Test
    void onlyAsyncBridgesConvertsBetweenVertxFuturesAndMutiny() {
        // docs/architecture.md, "One async idiom per layer".
        noClasses().that().doNotHaveFullyQualifiedName(BASE + ".infra.AsyncBridges")
                .should().dependOnClassesThat().resideInAPackage("io.smallrye.mutiny.vertx")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.CompletionStage")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.CompletableFuture")
                .because("routes, stores and engines run on Vert.x futures, services on Mutiny, and they meet in one place")
                .check(classes);
    }
}
