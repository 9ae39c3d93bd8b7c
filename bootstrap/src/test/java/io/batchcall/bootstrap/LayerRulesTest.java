package io.batchcall.bootstrap;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** The rings, checked on the whole product (every module is on this classpath). */
@AnalyzeClasses(packages = "io.batchcall", importOptions = {ImportOption.DoNotIncludeTests.class, LayerRulesTest.NoTestJars.class})
class LayerRulesTest {

    /** The modules' test jars are on this classpath too (shared test helpers): the rules are about the product's classes. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar");
        }
    }

    @ArchTest
    static final ArchRule rings = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Domain").definedBy("io.batchcall.domain..")
            .layer("Application").definedBy("io.batchcall.application..")
            .layer("HttpAdapter").definedBy("io.batchcall.adapter.http..")
            .layer("PersistenceAdapter").definedBy("io.batchcall.adapter.persistence..")
            .layer("TelephonyAdapter").definedBy("io.batchcall.adapter.telephony..")
            .layer("Bootstrap").definedBy("io.batchcall.bootstrap..")
            .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
            .whereLayer("HttpAdapter").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("PersistenceAdapter").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("TelephonyAdapter").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("HttpAdapter", "PersistenceAdapter", "TelephonyAdapter", "Bootstrap")
            .ensureAllClassesAreContainedInArchitecture();

    @ArchTest
    static final ArchRule httpAdapterDoesNotSeePersistence = noClasses().that().resideInAPackage("io.batchcall.adapter.http..")
            .should().dependOnClassesThat().resideInAPackage("io.batchcall.adapter.persistence..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule persistenceAdapterDoesNotSeeHttp = noClasses().that().resideInAPackage("io.batchcall.adapter.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("io.batchcall.adapter.http..", "io.vertx..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule telephonyAdapterSeesNoOtherAdapter = noClasses().that().resideInAPackage("io.batchcall.adapter.telephony..")
            .should().dependOnClassesThat().resideInAnyPackage("io.batchcall.adapter.http..", "io.batchcall.adapter.persistence..", "java.sql..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule domainIsFrameworkFree = classes().that().resideInAPackage("io.batchcall.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.vavr..", "io.batchcall.domain..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule noJdbcOrVertxOutsideTheirAdapters = noClasses().that().resideInAnyPackage("io.batchcall.domain..", "io.batchcall.application..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.vertx..", "com.fasterxml..", "org.mapstruct..")
            .allowEmptyShould(false);

    /** What the JSON writers are given: the response records carry JDK types only (a Vavr value is written as its bean properties). */
    @ArchTest
    static final ArchRule responseRecordsCarryNoVavr = noClasses().that().resideInAPackage("io.batchcall.adapter.http.dto..")
            .should().dependOnClassesThat().resideInAPackage("io.vavr..")
            .allowEmptyShould(false);

    /** The clock and randomness come through ports (TimeSource, IdSource): domain and services never read them themselves. */
    @ArchTest
    static final ArchRule noClockOrRandomInDomainAndServices = noClasses()
            .that().resideInAnyPackage("io.batchcall.domain..", "io.batchcall.application.service..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.time.LocalDate.class, "now")
            .orShould().callMethod(java.time.LocalDateTime.class, "now")
            .orShould().callMethod(java.time.ZonedDateTime.class, "now")
            .orShould().callMethod(java.time.OffsetDateTime.class, "now")
            .orShould().callMethod(java.time.Clock.class, "systemUTC")
            .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(java.util.UUID.class, "randomUUID")
            .orShould().callConstructor(java.util.Random.class)
            .orShould().callConstructor(java.util.Random.class, long.class)
            .orShould().dependOnClassesThat().areAssignableTo(java.util.concurrent.ThreadLocalRandom.class)
            .allowEmptyShould(false);

    /** One logging API (SLF4J, bound to logback by bootstrap): no java.util.logging anywhere. */
    @ArchTest
    static final ArchRule noJulAnywhere = noClasses().that().resideInAPackage("io.batchcall..")
            .should().dependOnClassesThat().resideInAPackage("java.util.logging..")
            .allowEmptyShould(false);

    /** Adapters reach the application through its ports and the engine: never its services or in-memory stores. */
    @ArchTest
    static final ArchRule adaptersSeeNoServicesOrMemoryStores = noClasses().that().resideInAPackage("io.batchcall.adapter..")
            .should().dependOnClassesThat().resideInAnyPackage("io.batchcall.application.service..", "io.batchcall.application.memory..")
            .allowEmptyShould(false);

    /** The HTTP adapter's rooms (edge, job, upload, callevent, suppression, result, webhook, dashboard, dto) depend on each other without cycles. */
    @ArchTest
    static final ArchRule httpRoomsAreFreeOfCycles = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("io.batchcall.adapter.http.(*)..").should().beFreeOfCycles();

    /** The persistence adapter's rooms (job, webhook, key) depend on each other without cycles. */
    @ArchTest
    static final ArchRule persistenceRoomsAreFreeOfCycles = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("io.batchcall.adapter.persistence.(*)..").should().beFreeOfCycles();

    /** The shared database layer (Database, Sql, SqlDialect, StoredJson) knows no room: the rooms build on it. */
    @ArchTest
    static final ArchRule persistenceCoreKnowsNoRoom = noClasses().that().resideInAPackage("io.batchcall.adapter.persistence")
            .should().dependOnClassesThat().resideInAnyPackage("io.batchcall.adapter.persistence.*..")
            .allowEmptyShould(false);
}
