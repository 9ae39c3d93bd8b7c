package io.batchcall.application;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.batchcall", importOptions = ImportOption.DoNotIncludeTests.class)
class ApplicationArchitectureTest {

    @ArchTest
    static final ArchRule applicationSeesOnlyDomainJdkAndVavr = classes()
            .that().resideInAPackage("io.batchcall.application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "io.vavr..", "io.batchcall.domain..",
                    "io.batchcall.application..", "org.slf4j")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule applicationDoesNotSeeAdaptersOrBootstrap = noClasses()
            .that().resideInAPackage("io.batchcall.application..")
            .should().dependOnClassesThat().resideInAnyPackage("io.batchcall.adapter..", "io.batchcall.bootstrap..")
            .allowEmptyShould(false);

    /** Inbound ports are interfaces and values (records, enums): no exception type, BatchJobError is the one error channel. */
    @ArchTest
    static final ArchRule inboundPortsAreInterfacesOrValues = classes()
            .that().resideInAPackage("io.batchcall.application.port.in..").and().areNotInterfaces().and().areNotAnonymousClasses()
            .should().beRecords().orShould().beEnums()
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule servicesImplementInboundPorts = classes()
            .that().resideInAPackage("io.batchcall.application.service..").and().arePublic().and().haveSimpleNameEndingWith("Service")
            .should().implement(com.tngtech.archunit.base.DescribedPredicate.describe("an inbound port",
                    (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("io.batchcall.application.port.in")))
            .allowEmptyShould(false);
}
