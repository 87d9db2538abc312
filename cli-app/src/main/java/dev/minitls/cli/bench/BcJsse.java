package dev.minitls.cli.bench;

import dev.minitls.cli.runtime.UserError;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Bouncy Castle's TLS (BCJSSE) for the {@code bcjsse} baseline, from its own jars (bctls, bcprov and bcutil of one
 * version, which the build copies into {@code bcjsse/} beside the minitls jar, or into {@code target/bcjsse/} beside
 * the classes) in a class loader of its own whose parent is the platform class loader: minitls's own Bouncy Castle,
 * a newer version, never meets them on one class path. minitls reaches them only as {@link Provider}s: the JSSE
 * provider {@code new BouncyCastleJsseProvider(new BouncyCastleProvider())}, and that crypto provider for the key.
 * The system property {@value #DIRECTORY_PROPERTY} names another directory.
 */
final class BcJsse {

    static final String DIRECTORY_PROPERTY = "minitls.bcjsse.dir";
    static final String JSSE_PROVIDER = "org.bouncycastle.jsse.provider.BouncyCastleJsseProvider";
    static final String CRYPTO_PROVIDER = "org.bouncycastle.jce.provider.BouncyCastleProvider";
    private static final String DIRECTORY = "bcjsse";

    /** Bouncy Castle's TLS logs every connection at INFO through java.util.logging: only its SEVERE lines show. */
    private static final Logger BC_LOG = Logger.getLogger("org.bouncycastle");

    private static Jsse loaded;

    private BcJsse() {
    }

    /** The providers, loaded once per process. @throws UserError when the jars are not where they should be */
    static synchronized Jsse load() {
        if (loaded == null) {
            BC_LOG.setLevel(Level.SEVERE);
            loaded = load(directory());
        }
        return loaded;
    }

    /** The providers from the jars in {@code directory}. @throws UserError when they cannot be loaded from there */
    static Jsse load(Path directory) {
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path jar : files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                jars.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw new UserError("the bcjsse baseline needs Bouncy Castle's TLS jars in " + directory
                    + " (the build copies them there): " + e.getMessage());
        }
        @SuppressWarnings("resource") // lives as long as the process, as the providers it loaded
        URLClassLoader loader = new URLClassLoader("minitls-bcjsse", jars.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        try {
            Provider crypto = (Provider) loader.loadClass(CRYPTO_PROVIDER).getConstructor().newInstance();
            Provider tls = (Provider) loader.loadClass(JSSE_PROVIDER).getConstructor(Provider.class)
                    .newInstance(crypto);
            return new Jsse("bcjsse", "bc-" + crypto.getVersionStr(), Optional.of(tls), Optional.of(crypto));
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException invocation ? invocation.getCause() : e;
            throw new UserError("cannot load Bouncy Castle's TLS from " + directory + ": " + cause);
        }
    }

    /** The directory named by the property, else {@code bcjsse} beside the jar or the classes directory of minitls. */
    private static Path directory() {
        String named = System.getProperty(DIRECTORY_PROPERTY);
        if (named != null) {
            return Path.of(named);
        }
        try {
            Path code = Path.of(BcJsse.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.resolveSibling(DIRECTORY);
        } catch (URISyntaxException | RuntimeException e) {
            throw new UserError("cannot tell where minitls runs from, to find Bouncy Castle's TLS jars; name their"
                    + " directory with -D" + DIRECTORY_PROPERTY + "=DIR");
        }
    }
}
