package io.github.frappemessenger.socketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.JsonSupport;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.Queue;

/**
 * netty-socketio's encoder with one shortcut and one fix. The shortcut: an {@link EncodedEventPacket} (a broadcast
 * event, encoded once for the whole room) is written as its ready bytes. The fix: its {@code encodePackets} takes a packet off the queue and then, at the
 * limit of 50 per polling response, drops it. A burst of more than 50 packets to a polling client (a resume replay,
 * a busy site before the websocket upgrade) lost every 51st packet. Here the limit is checked before taking.
 */
final class CompletePacketEncoder extends PacketEncoder {

    CompletePacketEncoder(Configuration configuration, JsonSupport jsonSupport) {
        super(configuration, jsonSupport);
    }

    @Override
    public void encodePacket(Packet packet, ByteBuf buffer, ByteBufAllocator allocator, boolean binary)
            throws IOException {
        // Engine.IO v4 frames a text packet the same way on both transports: no length prefix, so the bytes are whole.
        if (packet instanceof EncodedEventPacket encoded && EngineIOVersion.V4.equals(packet.getEngineIOVersion())) {
            buffer.writeBytes(encoded.bytes());
            return;
        }
        super.encodePacket(packet, buffer, allocator, binary);
    }

    @Override
    public void encodePackets(Queue<Packet> packets, ByteBuf buffer, ByteBufAllocator allocator, int limit)
            throws IOException {
        boolean hasPrecedingPacket = false;
        for (int i = 0; i < limit; i++) {
            Packet packet = packets.poll();
            if (packet == null) {
                break;
            }
            boolean separated = EngineIOVersion.V4.equals(packet.getEngineIOVersion())
                    || EngineIOVersion.V3.equals(packet.getEngineIOVersion());
            if (hasPrecedingPacket && separated) {
                buffer.writeByte(0x1e);
            }
            encodePacket(packet, buffer, allocator, false);
            for (ByteBuf attachment : packet.getAttachments()) {
                buffer.writeByte(1);
                buffer.writeBytes(longToBytes(attachment.readableBytes() + 1));
                buffer.writeByte(0xff);
                buffer.writeByte(4);
                buffer.writeBytes(attachment);
            }
            hasPrecedingPacket = true;
        }
    }
}
