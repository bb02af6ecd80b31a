package io.github.frappemessenger.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerBuilderTest {

    @Test
    void eachSetterRefusesABadValueAtOnce() {
        MessengerSocketServer.Builder builder = MessengerSocketServer.builder();
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> builder.site("crm.example.com/x"))
                .withMessageContaining("site");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> builder.site(" "));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> builder.host(""));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> builder.port(70_000));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> builder.path("/socket.io/"));
        assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> builder.authenticator(null));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> builder.maxPayloadBytes(10));
    }

    @Test
    void buildNamesWhatIsMissingAndASettingWithoutDefaultIsTakenOnce() {
        MessengerSocketServer.Builder builder = MessengerSocketServer.builder();
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(builder::build).withMessageContaining("site");
        builder.site("crm.example.com");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(builder::build)
                .withMessageContaining("authenticator");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> builder.site("other.example.com"))
                .withMessageContaining("site");
    }

    @Test
    void buildLeavesTheBuilderAsItWasSoEachServerGetsItsOwnDefaultHistory() {
        MessengerSocketServer.Builder builder = MessengerSocketServer.builder().site("crm.example.com").port(0)
                .authenticator(credentials -> Optional.empty());
        try (MessengerSocketServer first = builder.build(); MessengerSocketServer second = builder.build()) {
            assertThat(first.site()).isEqualTo("crm.example.com");
            // Had build() kept its default history in the builder, this setter would find one set already.
            assertThat(builder.history(new InMemoryEventHistory(10, Duration.ofMinutes(1), Clock.systemUTC())))
                    .isSameAs(builder);
        }
    }
}
