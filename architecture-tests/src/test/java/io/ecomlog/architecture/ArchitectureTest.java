package io.ecomlog.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The rules of docs/ARCHITECTURE.md, over the production classes of every module. */
@AnalyzeClasses(packages = "io.ecomlog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** What crosses a process boundary (ecomlog-contract). */
    static final String[] CONTRACT = {"io.ecomlog.event..", "io.ecomlog.codec..", "io.ecomlog.record..",
            "io.ecomlog.access..", "io.ecomlog.applog..", "io.ecomlog.alert..", "io.ecomlog.kpi..",
            "io.ecomlog.lake..", "io.ecomlog.deployment.."};

    /** What runs in the shop (client/). */
    static final String[] CLIENT = {"io.ecomlog.pipeline..", "io.ecomlog.transport..", "io.ecomlog.spool..",
            "io.ecomlog.metrics..", "io.ecomlog.resilience..", "io.ecomlog.logging..", "io.ecomlog.logback..",
            "io.ecomlog.log4j2..", "io.ecomlog.spring..", "io.ecomlog.kpl..", "io.ecomlog.reader..",
            "io.ecomlog.shipper.."};

    /** The local layer (local/) and the stand-ins (testing/). */
    static final String[] LOCAL = {"io.ecomlog.local..", "io.ecomlog.simulator..", "io.ecomlog.publicdata.."};

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.ecomlog.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theContractNeedsJacksonOnly = classes().that().resideInAnyPackage(CONTRACT)
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(CONTRACT, "java..",
                    "com.fasterxml.jackson.."));

    @ArchTest
    static final ArchRule theClientKnowsNoBackend = noClasses().that().resideInAnyPackage(CLIENT)
            .should().dependOnClassesThat().resideInAnyPackage(concat(LOCAL, "io.ecomlog.backend..",
                    "io.ecomlog.testing..", "com.amazonaws.services.lambda..", "org.apache.flink..",
                    "org.apache.spark.."));

    @ArchTest
    static final ArchRule theBackendKnowsNoLocalLayer = noClasses().that().resideInAPackage("io.ecomlog.backend..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(LOCAL, "io.ecomlog.testing.."));

    /** Stand-ins are test code; local mode alone runs two of them (dynalite, kinesis-local) as its services. */
    @ArchTest
    static final ArchRule productionCodeUsesNoStandIn = noClasses().that().resideOutsideOfPackages(
                    "io.ecomlog.testing..", "io.ecomlog.local")
            .should().dependOnClassesThat().resideInAPackage("io.ecomlog.testing..");

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
