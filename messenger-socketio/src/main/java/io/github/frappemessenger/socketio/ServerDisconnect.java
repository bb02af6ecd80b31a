package io.github.frappemessenger.socketio;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

/**
 * Disconnects a socket the way a Socket.IO server does, all of it. netty-socketio's own
 * {@code SocketIOClient.disconnect()} only sends the namespace's DISCONNECT packet: the socket stays in its rooms
 * and in the namespace's clients (so a broadcast still writes to it, and the connected count still counts it) until
 * its client closes the connection. Here the socket also leaves the namespace and its rooms at once, and its
 * connection is closed once the packet is written (the server has only the site's namespace on a connection).
 * The client hears "io server disconnect": socket.io-client then stays away until told to connect, as the inbox page
 * and the JVM client do, and resumes from the last event it heard.
 */
final class ServerDisconnect {
    private ServerDisconnect() {
    }

    static void disconnect(SocketIOClient client) {
        if (!(client instanceof NamespaceClient nc)) {
            client.disconnect();
            return;
        }
        ClientHead head = nc.getBaseClient();
        Packet packet = new Packet(PacketType.MESSAGE, head.getEngineIOVersion());
        packet.setSubType(PacketType.DISCONNECT);
        packet.setNsp(nc.getNamespace().getName());
        ChannelFuture written = head.send(packet);
        nc.onDisconnect();
        if (written != null) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
