package io.github.frappemessenger.socketio;

import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One event of a broadcast, encoded once as the Socket.IO v4 text packet every Engine.IO v4 socket of the room gets
 * ({@code 42/<site>,["event",payload,position]}), so that sending it to a thousand sockets writes the same bytes a
 * thousand times instead of running Jackson a thousand times. {@link CompletePacketEncoder} writes {@link #bytes()}
 * as they are; the packet also carries its event name and arguments, as any netty-socketio packet does. Its
 * namespace is the site's, so netty-socketio hands this very object to each socket rather than copying it.
 * Immutable once built, so one instance may sit in many sockets' queues at once.
 */
final class EncodedEventPacket extends Packet {
    private static final long serialVersionUID = 1L;

    private final byte[] bytes;

    private EncodedEventPacket(String namespace, String event, List<Object> args, byte[] bytes) {
        super(PacketType.MESSAGE, EngineIOVersion.V4);
        setSubType(PacketType.EVENT);
        setNsp(namespace);
        setName(event);
        setData(args);
        this.bytes = bytes;
    }

    /**
     * @param namespace  the site's namespace, {@code /<site>}
     * @param payloadJson the event's payload, already JSON
     * @param position   the event's stream position ({@code {"epoch", "offset"}})
     */
    static EncodedEventPacket of(ObjectMapper mapper, String namespace, String event, String payloadJson,
                                 Object position) {
        List<Object> args = List.of(new RawValue(payloadJson), position);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payloadJson.length() + event.length() + 96);
        out.writeBytes(new byte[] {'4', '2'});
        if (!namespace.isEmpty() && !namespace.equals("/")) {
            out.writeBytes(namespace.getBytes(StandardCharsets.UTF_8));
            out.write(',');
        }
        try {
            out.writeBytes(mapper.writeValueAsBytes(List.of(event, args.get(0), position)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event '" + event + "' cannot be written as JSON: "
                    + e.getOriginalMessage(), e);
        }
        return new EncodedEventPacket(namespace, event, args, out.toByteArray());
    }

    /** The whole Socket.IO packet as text bytes (Engine.IO message type, Socket.IO event type, namespace, JSON). */
    byte[] bytes() {
        return bytes;
    }
}
