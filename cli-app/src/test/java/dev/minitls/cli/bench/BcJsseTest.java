package dev.minitls.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minitls.cli.runtime.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bouncy Castle's TLS, for the bcjsse baseline, lives in a class loader of its own: minitls's class path has none
 * of it, and the providers it loads come from the baseline's own jars, of their own version.
 */
class BcJsseTest {

    @Test
    void bouncyCastlesTlsIsNotOnMinitlsOwnClassPath() {
        assertThatThrownBy(() -> Class.forName(BcJsse.JSSE_PROVIDER)).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName(BcJsse.JSSE_PROVIDER, false, BcJsseTest.class.getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theProvidersComeFromTheBaselinesOwnClassLoaderAndVersion() throws Exception {
        Provider own = (Provider) Class.forName(BcJsse.CRYPTO_PROVIDER).getConstructor().newInstance();
        Jsse jsse = BcJsse.load();

        assertThat(jsse.impl()).isEqualTo("bcjsse");
        assertThat(jsse.tls()).get().satisfies(tls -> {
            assertThat(tls.getClass().getName()).isEqualTo(BcJsse.JSSE_PROVIDER);
            assertThat(tls.getClass().getClassLoader().getName()).isEqualTo("minitls-bcjsse");
        });
        assertThat(jsse.keys()).get().satisfies(crypto -> {
            assertThat(crypto.getClass().getName()).isEqualTo(BcJsse.CRYPTO_PROVIDER);
            assertThat(crypto.getClass().getClassLoader()).isSameAs(jsse.tls().get().getClass().getClassLoader());
            assertThat(crypto.getClass().getClassLoader()).isNotSameAs(BcJsseTest.class.getClassLoader());
            // minitls's own Bouncy Castle is a newer one, on the application class path
            assertThat(jsse.provider()).isEqualTo("bc-" + crypto.getVersionStr())
                    .isNotEqualTo("bc-" + own.getVersionStr());
        });
    }

    @Test
    void aDirectoryWithoutTheJarsIsAUserError(@TempDir Path empty) throws Exception {
        assertThatThrownBy(() -> BcJsse.load(empty.resolve("missing"))).isInstanceOf(UserError.class)
                .hasMessageContaining("the bcjsse baseline needs Bouncy Castle's TLS jars in");
        Files.writeString(empty.resolve("not-a.jar"), "not a jar");
        assertThatThrownBy(() -> BcJsse.load(empty)).isInstanceOf(UserError.class)
                .hasMessageContaining("cannot load Bouncy Castle's TLS from");
    }
}
