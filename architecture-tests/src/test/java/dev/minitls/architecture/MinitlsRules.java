package dev.minitls.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;

/**
 * The architecture rules of minitls, each built for a root package so that the same definition checks the
 * production code ({@code dev.minitls}) and the deliberately broken fixtures ({@code dev.minitls.archfixture}).
 *
 * <p>Under the root the modules live in {@code domain}, {@code crypto} (with the providers {@code crypto.bc} and
 * {@code crypto.jca}, and {@code crypto.fast} combining them), {@code transport} and {@code cli}.
 */
final class MinitlsRules {

    private static final String[] DEPENDENCY_INJECTION_AND_CLI_PARSING = {
        "com.google.inject..", "jakarta.inject..", "javax.inject..", "picocli.."
    };

    private MinitlsRules() {
    }

    /** Rule 1: the domain sees only itself and the side-effect-free part of the JDK. */
    static ArchRule domainIsPure(String root) {
        DescribedPredicate<JavaClass> outsideDomainAndJdk =
                not(resideInAnyPackage(domain(root), "java.."));
        DescribedPredicate<JavaClass> jdkWithEffects = resideInAnyPackage(
                "java.net..", "java.nio.channels..", "java.nio.file..", "java.security..", "java.util.logging..")
                .or(belongToAnyOf(File.class, FileInputStream.class, FileOutputStream.class,
                        FileReader.class, FileWriter.class, RandomAccessFile.class));
        return noClasses().that().resideInAPackage(domain(root))
                .should().dependOnClassesThat(outsideDomainAndJdk.or(jdkWithEffects)
                        .as("live outside the domain and the JDK, or are JDK network, file, JCA or logging APIs"))
                .because("the protocol core is pure: adapters (crypto, transport, cli), libraries (Bouncy Castle, "
                        + "Jackson, Guice, picocli, SLF4J), sockets, files and the JCA reach it only through its ports");
    }

    /** Rule 2: an adapter never reaches into another adapter or into the cli (rule 1 keeps the domain out of both). */
    static ArchRule adaptersAreIndependent(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("crypto adapter").definedBy(root + ".crypto..")
                .layer("transport adapter").definedBy(root + ".transport..")
                .layer("cli").definedBy(root + ".cli..")
                .whereLayer("crypto adapter").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("transport adapter").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .because("adapters meet only in the domain's ports; the cli alone wires them together");
    }

    /** Rule 3: dependency injection and command-line parsing stay in the cli. */
    static ArchRule onlyCliUsesGuiceAndPicocli(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".cli..")
                .should().dependOnClassesThat().resideInAnyPackage(DEPENDENCY_INJECTION_AND_CLI_PARSING)
                .because("the cli is the composition root: every other module is plain Java, constructed by hand "
                        + "in tests and wired by Guice only in the cli");
    }

    /** Rule 4a: the JDK-only provider needs no Bouncy Castle class, not even through shared crypto code. */
    static ArchRule jcaProviderUsesOnlyTheJdk(String root) {
        return noClasses().that().resideInAPackage(root + ".crypto.jca..")
                .should().transitivelyDependOnClassesThat().resideInAPackage("org.bouncycastle..")
                .because("the jca provider must run with Bouncy Castle absent from the classpath");
    }

    /**
     * Rule 4d: the Bouncy Castle provider does its cryptography with Bouncy Castle alone, never through a JCA engine
     * ({@code java.security}, {@code javax.crypto}), so that it measures and tests Bouncy Castle and nothing else.
     */
    static ArchRule bcProviderUsesNoJcaEngine(String root) {
        return noClasses().that().resideInAPackage(root + ".crypto.bc..")
                .should().dependOnClassesThat().resideInAnyPackage("java.security..", "javax.crypto..")
                .because("the bc provider is the Bouncy Castle side of every comparison with the jca provider");
    }

    /** Rule 4b: the two crypto providers are alternatives and never call each other. */
    static ArchRule cryptoProvidersAreIndependent(String root) {
        return CompositeArchRule.of(doesNotDependOn(root + ".crypto.bc..", root + ".crypto.jca.."))
                .and(doesNotDependOn(root + ".crypto.jca..", root + ".crypto.bc.."))
                .because("either provider can be swapped in or removed without touching the other");
    }

    /**
     * Rule 4c: within the crypto adapter, only the combined provider ({@code crypto.fast}) uses the two providers;
     * shared crypto code (the {@code crypto} package, ...) uses neither. That neither provider uses the combined one follows
     * from rule 6b: the combined provider uses both, so either one using it would be a package cycle.
     */
    static ArchRule onlyTheCombinedProviderUsesBothProviders(String root) {
        return noClasses().that().resideInAPackage(root + ".crypto..")
                .and().resideOutsideOfPackages(root + ".crypto.bc..", root + ".crypto.jca..", root + ".crypto.fast..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".crypto.bc..", root + ".crypto.jca..")
                .because("a provider is used whole through the port, or combined in crypto.fast; nothing else in "
                        + "the crypto adapter may tie itself to one");
    }

    /** Rule 5: JSON is a wire-format concern of the transport adapter. */
    static ArchRule onlyTransportUsesJackson(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".transport..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .because("the JSON-lines codec is the transport's business; the rest of the code sees messages");
    }

    /** Rule 6a: the modules (domain, crypto, transport, cli) depend on each other without cycles. */
    static ArchRule modulesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("module $1")
                .should().beFreeOfCycles()
                .because("a module cycle would make the modules one big module");
    }

    /** Rule 6b: every package (sub-packages included) depends on the others without cycles. */
    static ArchRule packagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(**)").namingSlices("package $1")
                .should().beFreeOfCycles()
                .because("packages form a hierarchy that can be read, tested and moved one at a time");
    }

    /** Rule 7: library code never writes to the console. */
    static ArchRule libraryCodeDoesNotPrint(String root) {
        return noClasses().that().resideInAnyPackage(domain(root), root + ".crypto..", root + ".transport..")
                .should(ACCESS_STANDARD_STREAMS)
                .because("library code logs through SLF4J or not at all; only the cli talks to the console");
    }

    /**
     * Rule 8: the domain tells observers what happened as values (records of bytes, enums, certificates), never in
     * words: its trace package holds only records, enums and interfaces, so no class there builds descriptions.
     */
    static ArchRule domainTraceHoldsOnlyValues(String root) {
        return classes().that().resideInAPackage(root + ".domain.trace..")
                .should(new ArchCondition<>("be records, enums or interfaces") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        if (!javaClass.isRecord() && !javaClass.isEnum() && !javaClass.isInterface()) {
                            events.add(SimpleConditionEvent.violated(javaClass, "Class <" + javaClass.getName()
                                    + "> is neither a record, an enum nor an interface"));
                        }
                    }
                })
                .because("putting events in words (descriptions, step titles, colours, JSON) is the cli's business"
                        + " (cli.trace), so that every observer and every protocol shares one event model");
    }

    /**
     * Rule 9: the wire formats are independent: the JSON-lines codecs ({@code transport.json}) and TLS 1.3's
     * binary codec ({@code transport.tls13}) share nothing but the domain they encode.
     */
    static ArchRule wireFormatsAreIndependent(String root) {
        return CompositeArchRule.of(doesNotDependOn(root + ".transport.json..", root + ".transport.tls13.."))
                .and(doesNotDependOn(root + ".transport.tls13..", root + ".transport.json.."))
                .because("each protocol's bytes are read and written in one place; a change to one format must "
                        + "never change another");
    }

    /**
     * Rule 10: the Java API ({@code cli.api}) is a library face: neither it nor anything it uses needs picocli, so that
     * an application embeds minitls without the command line.
     */
    static ArchRule apiIsFreeOfPicocli(String root) {
        return noClasses().that().resideInAPackage(root + ".cli.api..")
                .should().transitivelyDependOnClassesThat().resideInAPackage("picocli..")
                .because("the commands parse the command line and use the API's runtime, never the other way round");
    }

    /**
     * Rule 11: the object graph is built in one place: only {@code cli.wiring} uses Guice's entry point, so that every
     * command, the API and the tools get their ports from the same wiring.
     */
    static ArchRule onlyTheWiringCreatesInjectors(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".cli.wiring..")
                .should().dependOnClassesThat().haveFullyQualifiedName("com.google.inject.Guice")
                .because("a second injector is a second wiring path: --provider must lead to the crypto provider "
                        + "the same way everywhere");
    }

    /**
     * Rule 12: the dissector ({@code transport.tls13.dissect}, behind {@code minitls decode}) is a view of bytes it
     * is handed: it reads no socket and no file, and nothing else in the transport adapter uses it, so that showing
     * bytes can never change how a connection reads them.
     */
    static ArchRule dissectorIsAView(String root) {
        String dissector = root + ".transport.tls13.dissect..";
        return CompositeArchRule.of(noClasses().that().resideInAPackage(dissector)
                        .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.file..",
                                "java.nio.channels..", root + ".transport.tcp..")
                        .as("the dissector reads no socket and no file"))
                .and(noClasses().that().resideInAPackage(root + ".transport..").and()
                        .resideOutsideOfPackage(dissector)
                        .should().dependOnClassesThat().resideInAPackage(dissector)
                        .as("no connection's code uses the dissector"))
                .because("decode and the trace show bytes the record layer read; they never read or steer it");
    }

    /**
     * Rule 13: only the bench ({@code cli.bench}) starts processes: it holds the client ends of the sessions it
     * measures in a child JVM. Nothing else of minitls runs another program ({@link ProcessBuilder},
     * {@link ProcessHandle}, {@code Runtime.exec}).
     */
    static ArchRule onlyTheBenchStartsProcesses(String root) {
        DescribedPredicate<JavaMethodCall> runtimeExec = new DescribedPredicate<>("Runtime.exec") {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getTargetOwner().isEquivalentTo(Runtime.class) && call.getName().equals("exec");
            }
        };
        return noClasses().that().resideOutsideOfPackage(root + ".cli.bench..")
                .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, ProcessHandle.class)
                .orShould().callMethodWhere(runtimeExec)
                .because("a TLS server, client or tool of minitls runs no other program; the bench alone starts one,"
                        + " a JVM of its own, so that the server it measures holds only the server's side");
    }

    private static ArchRule doesNotDependOn(String fromPackage, String toPackage) {
        return noClasses().that().resideInAPackage(fromPackage)
                .should().dependOnClassesThat().resideInAPackage(toPackage);
    }

    private static String domain(String root) {
        return root + ".domain..";
    }
}
