package dev.minitls.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the production classes of every module (imported through the cli-app dependency) against
 * {@link MinitlsRules}. {@link RulesCatchViolationsTest} shows that each rule does fail on broken code.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String ROOT = "dev.minitls";

    @ArchTest
    static final ArchRule domain_is_pure = MinitlsRules.domainIsPure(ROOT);

    @ArchTest
    static final ArchRule adapters_are_independent = MinitlsRules.adaptersAreIndependent(ROOT);

    @ArchTest
    static final ArchRule only_cli_uses_guice_and_picocli = MinitlsRules.onlyCliUsesGuiceAndPicocli(ROOT);

    @ArchTest
    static final ArchRule jca_provider_uses_only_the_jdk = MinitlsRules.jcaProviderUsesOnlyTheJdk(ROOT);

    @ArchTest
    static final ArchRule bc_provider_uses_no_jca_engine = MinitlsRules.bcProviderUsesNoJcaEngine(ROOT);

    @ArchTest
    static final ArchRule crypto_providers_are_independent = MinitlsRules.cryptoProvidersAreIndependent(ROOT);

    @ArchTest
    static final ArchRule only_the_combined_provider_uses_both_providers =
            MinitlsRules.onlyTheCombinedProviderUsesBothProviders(ROOT);

    @ArchTest
    static final ArchRule only_transport_uses_jackson = MinitlsRules.onlyTransportUsesJackson(ROOT);

    @ArchTest
    static final ArchRule modules_are_free_of_cycles = MinitlsRules.modulesAreFreeOfCycles(ROOT);

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = MinitlsRules.packagesAreFreeOfCycles(ROOT);

    @ArchTest
    static final ArchRule library_code_does_not_print = MinitlsRules.libraryCodeDoesNotPrint(ROOT);

    @ArchTest
    static final ArchRule domain_trace_holds_only_values = MinitlsRules.domainTraceHoldsOnlyValues(ROOT);

    @ArchTest
    static final ArchRule wire_formats_are_independent = MinitlsRules.wireFormatsAreIndependent(ROOT);

    @ArchTest
    static final ArchRule api_is_free_of_picocli = MinitlsRules.apiIsFreeOfPicocli(ROOT);

    @ArchTest
    static final ArchRule only_the_wiring_creates_injectors = MinitlsRules.onlyTheWiringCreatesInjectors(ROOT);

    @ArchTest
    static final ArchRule dissector_is_a_view = MinitlsRules.dissectorIsAView(ROOT);

    @ArchTest
    static final ArchRule only_the_bench_starts_processes = MinitlsRules.onlyTheBenchStartsProcesses(ROOT);

    /** Guards the rules above against passing on an incomplete import, or on one polluted by test code. */
    @ArchTest
    static void import_holds_every_module_and_no_test_code(JavaClasses classes) {
        Set<String> packages = new TreeSet<>();
        for (JavaClass javaClass : classes) {
            packages.add(javaClass.getPackageName());
        }
        assertThat(packages)
                .as("packages imported from the production classes")
                .anyMatch(name -> name.startsWith(ROOT + ".domain"))
                .anyMatch(name -> name.startsWith(ROOT + ".crypto.bc"))
                .anyMatch(name -> name.startsWith(ROOT + ".crypto.jca"))
                .anyMatch(name -> name.startsWith(ROOT + ".crypto.fast"))
                .anyMatch(name -> name.startsWith(ROOT + ".transport.json"))
                .anyMatch(name -> name.startsWith(ROOT + ".transport.tls13"))
                .anyMatch(name -> name.startsWith(ROOT + ".cli"))
                .noneMatch(name -> name.startsWith(ROOT + ".archfixture"))
                .noneMatch(name -> name.startsWith(ROOT + ".architecture"))
                .noneMatch(name -> name.startsWith(ROOT + ".testing"));
    }
}
