package io.github.frappemessenger.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerBuilderTest {

    @Test
    void eachSetterRefusesABadValueAtOnce() {
        MessengerSocketServer.Builder builder = MessengerSocketServer.builder();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder.site("crm.example.com/x"))
                .getMessage().contains("site"));
        assertThrows(IllegalArgumentException.class, () -> builder.site(" "));
        assertThrows(IllegalArgumentException.class, () -> builder.host(""));
        assertThrows(IllegalArgumentException.class, () -> builder.port(70_000));
        assertThrows(IllegalArgumentException.class, () -> builder.path("/socket.io/"));
        assertThrows(NullPointerException.class, () -> builder.authenticator(null));
        assertThrows(IllegalArgumentException.class, () -> builder.maxPayloadBytes(10));
    }

    @Test
    void buildNamesWhatIsMissingAndASettingWithoutDefaultIsTakenOnce() {
        MessengerSocketServer.Builder builder = MessengerSocketServer.builder();
        assertTrue(assertThrows(IllegalStateException.class, builder::build).getMessage().contains("site"));
        builder.site("crm.example.com");
        assertTrue(assertThrows(IllegalStateException.class, builder::build).getMessage().contains("authenticator"));
        assertTrue(assertThrows(IllegalStateException.class, () -> builder.site("other.example.com"))
                .getMessage().contains("site"));
    }

    @Test
    void buildLeavesTheBuilderAsItWasSoEachServerGetsItsOwnDefaultHistory() {
        MessengerSocketServer.Builder builder = MessengerSocketServer.builder().site("crm.example.com").port(0)
                .authenticator(credentials -> Optional.empty());
        try (MessengerSocketServer first = builder.build(); MessengerSocketServer second = builder.build()) {
            assertEquals("crm.example.com", first.site());
            // Had build() kept its default history in the builder, this setter would find one set already.
            assertSame(builder, builder.history(new InMemoryEventHistory(10, Duration.ofMinutes(1), Clock.systemUTC())));
        }
    }
}
