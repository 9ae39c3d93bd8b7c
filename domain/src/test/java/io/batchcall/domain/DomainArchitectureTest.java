package io.batchcall.domain;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.batchcall.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

    @ArchTest
    static final ArchRule domainDependsOnlyOnTheJdkAndVavr = classes()
            .that().resideInAPackage("io.batchcall.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.vavr..", "io.batchcall.domain..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule domainNeverReadsTheClockOrRandomIds = noClasses()
            .that().resideInAPackage("io.batchcall.domain..")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.util.UUID.class, "randomUUID")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .allowEmptyShould(false);
}
