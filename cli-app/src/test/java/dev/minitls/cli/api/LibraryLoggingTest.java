package dev.minitls.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minitls.cli.runtime.PkiFiles;
import dev.minitls.cli.runtime.PkiIssuer;
import dev.minitls.cli.runtime.PkiWriter;
import dev.minitls.cli.support.Subprocess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An application that embeds the Java API gets cli-app's dependencies as Maven passes them on: neither optional nor
 * test-scoped. The executable's logging backend ({@code slf4j-simple}) and command-line parser (picocli) are
 * optional, so on that class path the API runs, and with an SLF4J backend of the application's own, minitls logs
 * through that backend and SLF4J sees no other.
 */
class LibraryLoggingTest {

    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

    @TempDir
    Path dir;

    @Test
    void theExecutablesLoggingBackendAndParserAreNotPassedOnToLibraryUsers() throws Exception {
        assertThat(notPassedOn()).contains("slf4j-simple", "picocli");
    }

    @Test
    void anApplicationOnTheApisClassPathLogsThroughItsOwnBackend() throws Exception {
        PkiFiles pki = new PkiFiles(dir);
        PkiWriter.write(pki, PkiIssuer.issue("example-server", 1, Clock.systemUTC()), false);
        Path services = dir.resolve("backend/META-INF/services/" + SLF4JServiceProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, RecordingBackend.class.getName() + "\n");
        List<String> classPath = new ArrayList<>(List.of(dir.resolve("backend").toString()));
        classPath.addAll(applicationClassPath());

        Subprocess application = Subprocess.start(dir, List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", String.join(File.pathSeparator, classPath), Application.class.getName(),
                pki.serverCertificate().toString(), pki.serverPrivateKey().toString()));

        assertThat(application.awaitExit()).as(application.printed()).isZero();
        assertThat(application.stdout()).containsExactly("backend " + RecordingFactory.class.getName(),
                "INFO dev.minitls.cli.api.MinitlsServer: serving protocols v1, v2, tls13");
        assertThat(application.stderr()).as("SLF4J's warnings, such as of several backends").isEmpty();
    }

    /** This test run's class path without the jars of the dependencies a library user does not get. */
    private static List<String> applicationClassPath() throws Exception {
        List<String> withheld = notPassedOn();
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> withheld.stream().noneMatch(
                        artifact -> Path.of(entry).getFileName().toString().startsWith(artifact + "-")))
                .toList();
    }

    /**
     * The artifacts cli-app's pom does not pass on: its optional or test-scoped dependencies, but for those it also
     * depends on otherwise (the domain, whose test-jar only the tests use).
     */
    private static List<String> notPassedOn() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        List<String> withheld = new ArrayList<>();
        List<String> passedOn = new ArrayList<>();
        Matcher dependency = DEPENDENCY.matcher(pom);
        while (dependency.find()) {
            String body = dependency.group(1);
            Matcher artifact = ARTIFACT.matcher(body);
            if (artifact.find()) {
                boolean withholds = body.contains("<optional>true</optional>") || body.contains("<scope>test</scope>");
                (withholds ? withheld : passedOn).add(artifact.group(1));
            }
        }
        withheld.removeAll(passedOn);
        return withheld;
    }

    /** The embedding application: it starts a server, which logs what it serves, and prints what its backend got. */
    public static final class Application {

        public static void main(String[] args) {
            MinitlsServer server = MinitlsServer.builder().certificate(Path.of(args[0])).privateKey(Path.of(args[1]))
                    .build();
            server.listen("127.0.0.1", 0, connection -> { }).close();
            System.out.println("backend " + LoggerFactory.getILoggerFactory().getClass().getName());
            RecordingFactory.LINES.stream().filter(line -> line.contains("dev.minitls.cli.api"))
                    .forEach(System.out::println);
        }
    }

    /** An SLF4J backend that keeps every line logged at INFO and above. */
    public static final class RecordingBackend implements SLF4JServiceProvider {

        private final ILoggerFactory factory = new RecordingFactory();
        private final IMarkerFactory markers = new BasicMarkerFactory();
        private final MDCAdapter mdc = new NOPMDCAdapter();

        @Override
        public ILoggerFactory getLoggerFactory() {
            return factory;
        }

        @Override
        public IMarkerFactory getMarkerFactory() {
            return markers;
        }

        @Override
        public MDCAdapter getMDCAdapter() {
            return mdc;
        }

        @Override
        public String getRequestedApiVersion() {
            return "2.0.99";
        }

        @Override
        public void initialize() {
        }
    }

    /** Makes the recording loggers. */
    public static final class RecordingFactory implements ILoggerFactory {

        static final List<String> LINES = new CopyOnWriteArrayList<>();

        @Override
        public org.slf4j.Logger getLogger(String name) {
            return new RecordingLogger(name);
        }
    }

    /** Records {@code LEVEL logger: message}. */
    private static final class RecordingLogger extends LegacyAbstractLogger {

        RecordingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable throwable) {
            RecordingFactory.LINES.add(level + " " + name + ": "
                    + MessageFormatter.basicArrayFormat(pattern, arguments));
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
