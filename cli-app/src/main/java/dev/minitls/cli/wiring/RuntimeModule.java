package dev.minitls.cli.wiring;

import com.google.inject.AbstractModule;
import dev.minitls.crypto.SecureRandomSource;
import dev.minitls.domain.port.RandomSource;
import dev.minitls.domain.port.WireFormats;
import dev.minitls.transport.json.JsonLinesV1Codec;
import dev.minitls.transport.json.JsonLinesV2Codec;
import java.time.Clock;

/** The ports every command needs besides crypto: the system clock, the OS's randomness, both wire formats. */
public final class RuntimeModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(RandomSource.class).toInstance(new SecureRandomSource());
        bind(WireFormats.class).toInstance(new WireFormats(new JsonLinesV1Codec(), new JsonLinesV2Codec()));
    }
}
