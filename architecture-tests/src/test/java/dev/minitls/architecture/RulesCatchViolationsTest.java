package dev.minitls.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.minitls.archfixture.cli.ShellingCommand;
import dev.minitls.archfixture.cli.api.CommandBackedApi;
import dev.minitls.archfixture.cli.api.InjectingApi;
import dev.minitls.archfixture.cli.api.PicocliApi;
import dev.minitls.archfixture.crypto.JacksonCrypto;
import dev.minitls.archfixture.crypto.MixingCrypto;
import dev.minitls.archfixture.crypto.PicocliCrypto;
import dev.minitls.archfixture.crypto.TransportAwareCrypto;
import dev.minitls.archfixture.crypto.bc.JcaAwareBc;
import dev.minitls.archfixture.crypto.bc.JcaInBc;
import dev.minitls.archfixture.crypto.jca.BcAwareJca;
import dev.minitls.archfixture.crypto.jca.BcInJca;
import dev.minitls.archfixture.crypto.jca.PemViaJca;
import dev.minitls.archfixture.domain.FileDomain;
import dev.minitls.archfixture.domain.LoggingDomain;
import dev.minitls.archfixture.domain.PrintingDomain;
import dev.minitls.archfixture.domain.SocketDomain;
import dev.minitls.archfixture.domain.TransportAwareDomain;
import dev.minitls.archfixture.domain.tls13.SelfEncodingMessage;
import dev.minitls.archfixture.domain.trace.ProseTrace;
import dev.minitls.archfixture.transport.CliAwareTransport;
import dev.minitls.archfixture.transport.ProcessTransport;
import dev.minitls.archfixture.transport.InjectedTransport;
import dev.minitls.archfixture.transport.StackTraceTransport;
import dev.minitls.archfixture.transport.json.BinaryAwareLinesCodec;
import dev.minitls.archfixture.transport.tls13.DissectingRecordLayer;
import dev.minitls.archfixture.transport.tls13.JsonAwareBinaryCodec;
import dev.minitls.archfixture.transport.tls13.dissect.SocketDissector;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Evaluates every rule of {@link MinitlsRules} on the broken fixtures in {@code dev.minitls.archfixture} and checks
 * that it blames exactly the classes that break it, and none of the classes it allows.
 */
class RulesCatchViolationsTest {

    private static final String FIXTURE_ROOT = "dev.minitls.archfixture";
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(FIXTURE_ROOT);

    /**
     * The code unit a violation line starts with: {@code Method <a.b.C.m(..)> calls ...} and
     * {@code Static Initializer <a.b.C.<clinit>()> calls ...} yield {@code a.b.C.m} and {@code a.b.C.}.
     */
    private static final Pattern ORIGIN = Pattern.compile("^[A-Za-z ]+ <([\\w.$]+)");

    @Test
    void domainRuleBlamesNetworkFileLoggingAndAdapterDependencies() {
        assertThat(blamedBy(MinitlsRules.domainIsPure(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(SocketDomain.class, FileDomain.class, LoggingDomain.class,
                        TransportAwareDomain.class, SelfEncodingMessage.class));
    }

    @Test
    void adapterRuleBlamesAdapterToAdapterAndAdapterToCliDependencies() {
        assertThat(blamedBy(MinitlsRules.adaptersAreIndependent(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(TransportAwareCrypto.class, CliAwareTransport.class));
    }

    @Test
    void guiceAndPicocliRuleBlamesEveryUserOutsideTheCli() {
        assertThat(blamedBy(MinitlsRules.onlyCliUsesGuiceAndPicocli(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(InjectedTransport.class, PicocliCrypto.class));
    }

    @Test
    void jcaRuleBlamesDirectAndIndirectBouncyCastleUse() {
        assertThat(blamedBy(MinitlsRules.jcaProviderUsesOnlyTheJdk(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(BcInJca.class, PemViaJca.class, BcAwareJca.class));
    }

    @Test
    void bcRuleBlamesAJcaEngineInTheBcProvider() {
        assertThat(blamedBy(MinitlsRules.bcProviderUsesNoJcaEngine(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(JcaInBc.class));
    }

    @Test
    void providerRuleBlamesBothDirections() {
        assertThat(blamedBy(MinitlsRules.cryptoProvidersAreIndependent(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(JcaAwareBc.class, BcAwareJca.class));
    }

    @Test
    void combinedProviderRuleBlamesCryptoCodeThatMixesTheProvidersOutsideTheCombinedOne() {
        assertThat(blamedBy(MinitlsRules.onlyTheCombinedProviderUsesBothProviders(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(MixingCrypto.class));
    }

    @Test
    void jacksonRuleBlamesJacksonOutsideTheTransport() {
        assertThat(blamedBy(MinitlsRules.onlyTransportUsesJackson(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(JacksonCrypto.class));
    }

    @Test
    void wireFormatRuleBlamesEitherCodecUsingTheOther() {
        assertThat(blamedBy(MinitlsRules.wireFormatsAreIndependent(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(BinaryAwareLinesCodec.class, JsonAwareBinaryCodec.class));
    }

    @Test
    void moduleCycleRuleReportsTheDomainTransportCycle() {
        assertThat(reportOf(MinitlsRules.modulesAreFreeOfCycles(FIXTURE_ROOT)))
                .anyMatch(line -> line.contains("module domain") && line.contains("module transport"));
    }

    @Test
    void packageCycleRuleReportsASubPackageCycle() {
        assertThat(reportOf(MinitlsRules.packagesAreFreeOfCycles(FIXTURE_ROOT)))
                .anyMatch(line -> line.contains("package domain.cyclea") && line.contains("package domain.cycleb"));
    }

    @Test
    void printingRuleBlamesConsoleOutputOutsideTheCli() {
        assertThat(blamedBy(MinitlsRules.libraryCodeDoesNotPrint(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(PrintingDomain.class, StackTraceTransport.class));
    }

    @Test
    void domainTraceRuleBlamesAClassThatIsNotAValue() {
        assertThat(blamedBy(MinitlsRules.domainTraceHoldsOnlyValues(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(ProseTrace.class));
    }

    @Test
    void dissectorRuleBlamesADissectorThatReadsASocketAndARecordLayerThatUsesTheDissector() {
        assertThat(blamedBy(MinitlsRules.dissectorIsAView(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(SocketDissector.class, DissectingRecordLayer.class));
    }

    @Test
    void apiRuleBlamesPicocliInTheApiDirectlyOrThroughWhatItUses() {
        assertThat(blamedBy(MinitlsRules.apiIsFreeOfPicocli(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(PicocliApi.class, CommandBackedApi.class));
    }

    @Test
    void wiringRuleBlamesAnInjectorCreatedOutsideTheWiring() {
        assertThat(blamedBy(MinitlsRules.onlyTheWiringCreatesInjectors(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(InjectingApi.class));
    }

    @Test
    void processRuleBlamesAProgramStartedOutsideTheBench() {
        assertThat(blamedBy(MinitlsRules.onlyTheBenchStartsProcesses(FIXTURE_ROOT)))
                .containsExactlyInAnyOrderElementsOf(names(ShellingCommand.class, ProcessTransport.class));
    }

    private static List<String> reportOf(ArchRule rule) {
        EvaluationResult result = rule.evaluate(FIXTURES);
        assertThat(result.hasViolation()).as("'%s' reports a violation", rule.getDescription()).isTrue();
        return result.getFailureReport().getDetails();
    }

    /** The fixture classes that the violation lines of the rule start with. */
    private static Set<String> blamedBy(ArchRule rule) {
        return reportOf(rule).stream()
                .map(RulesCatchViolationsTest::originClass)
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
    }

    private static Optional<String> originClass(String violation) {
        Matcher matcher = ORIGIN.matcher(violation);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String origin = matcher.group(1);
        return FIXTURES.stream()
                .map(JavaClass::getName)
                .filter(name -> origin.equals(name) || origin.startsWith(name + "."))
                .findFirst();
    }

    private static List<String> names(Class<?>... classes) {
        return Arrays.stream(classes).map(Class::getName).toList();
    }
}
