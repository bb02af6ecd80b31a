package io.github.frappemessenger.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A broadcast encoded once must be, byte for byte, what netty-socketio writes for each socket on its own. */
class EncodedEventPacketTest {
    private final Configuration configuration = new Configuration();
    private final CompletePacketEncoder encoder = new CompletePacketEncoder(configuration, new JacksonJsonSupport());
    private final String payload = "{\"name\":\"MSG-1\",\"text\":\"h\\u00e9llo \\\"quoted\\\" \\u2603\",\"n\":[1,2.5,null]}";

    @Test
    void websocketFrameIsWhatNettySocketioWouldWrite() throws Exception {
        EncodedEventPacket shared = EncodedEventPacket.of(new ObjectMapper(), "/site.local", "messenger:message",
                payload, position());
        assertThat(text(shared, true)).isEqualTo(text(own(), true));
        assertThat(new String(shared.bytes(), StandardCharsets.UTF_8))
                .isEqualTo("42/site.local,[\"messenger:message\"," + payload + ",{\"epoch\":\"e1\",\"offset\":42}]");
    }

    @Test
    void pollingBodyIsWhatNettySocketioWouldWrite() throws Exception {
        EncodedEventPacket shared = EncodedEventPacket.of(new ObjectMapper(), "/site.local", "messenger:message",
                payload, position());
        assertThat(polling(shared, shared)).isEqualTo(polling(own(), own()));
    }

    private Packet own() {
        Packet p = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
        p.setSubType(PacketType.EVENT);
        p.setNsp("/site.local");
        p.setName("messenger:message");
        p.setData(List.of(new RawValue(payload), position()));
        return p;
    }

    private String text(Packet p, boolean binary) throws Exception {
        ByteBuf out = Unpooled.buffer();
        encoder.encodePacket(p, out, ByteBufAllocator.DEFAULT, binary);
        return out.toString(StandardCharsets.UTF_8);
    }

    private String polling(Packet a, Packet b) throws Exception {
        ByteBuf out = Unpooled.buffer();
        encoder.encodePackets(new ArrayDeque<>(List.of(a, b)), out, ByteBufAllocator.DEFAULT, 50);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> position() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("epoch", "e1");
        p.put("offset", 42L);
        return p;
    }
}
