package io.github.frappemessenger.socketio;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * The fast path of a broadcast: one task per event loop per event, which writes the event's one encoded text frame
 * (a shared, read-only buffer) to each websocket of the room that loop serves. netty-socketio's own path costs, per
 * socket, a task handed to the socket's loop, a packet queue, and a buffer to encode into.
 *
 * <p>Only a socket this path can take without changing the order of what the socket hears: Engine.IO v4, upgraded
 * to (or opened as) a websocket, its websocket channel known and open, and nothing waiting in its netty-socketio
 * packet queue (the resume answer, a replay). A queue found empty has been drained by the loop, which writes what it
 * takes off the queue in the same step; our task runs on that loop after that step. Every other socket goes through
 * netty-socketio's queue as before. As a handler (before netty-socketio's packet handler) it notes the websocket
 * channel of each client in the client's store when a packet arrives on it. Thread-safe.
 */
@ChannelHandler.Sharable
final class DirectFrames extends ChannelInboundHandlerAdapter {
    static final String WEBSOCKET_CHANNEL = "messenger.websocket";

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof PacketsMessage m && m.getTransport() == Transport.WEBSOCKET && m.getClient() != null
                && m.getClient().getStore().get(WEBSOCKET_CHANNEL) != ctx.channel()) {
            m.getClient().getStore().set(WEBSOCKET_CHANNEL, ctx.channel());
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * Sends {@code packet} to every client of {@code clients} this path can take; returns the others, for
     * netty-socketio's queue.
     */
    static List<SocketIOClient> send(Iterable<SocketIOClient> clients, EncodedEventPacket packet) {
        List<SocketIOClient> others = new ArrayList<>(0);
        Map<EventLoop, List<Channel>> byLoop = new IdentityHashMap<>();
        for (SocketIOClient client : clients) {
            Channel channel = websocket(client);
            if (channel == null) {
                others.add(client);
            } else {
                byLoop.computeIfAbsent(channel.eventLoop(), l -> new ArrayList<>()).add(channel);
            }
        }
        if (!byLoop.isEmpty()) {
            ByteBuf frame = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(packet.bytes()).asReadOnly());
            byLoop.forEach((loop, channels) -> {
                try {
                    loop.execute(() -> {
                        for (Channel c : channels) {
                            c.writeAndFlush(new TextWebSocketFrame(frame.duplicate()));
                        }
                    });
                } catch (RejectedExecutionException e) {
                    // the server is closing: its sockets are being closed too, and hear nothing more
                }
            });
        }
        return others;
    }

    private static Channel websocket(SocketIOClient client) {
        if (!(client instanceof NamespaceClient nc)) {
            return null;
        }
        ClientHead head = nc.getBaseClient();
        if (!EngineIOVersion.V4.equals(head.getEngineIOVersion()) || !head.isConnected()
                || head.getCurrentTransport() != Transport.WEBSOCKET
                || !head.getPacketsQueue(Transport.WEBSOCKET).isEmpty()) {
            return null;
        }
        Channel channel = head.getStore().get(WEBSOCKET_CHANNEL);
        return channel != null && channel.isActive() && head.isTransportChannel(channel, Transport.WEBSOCKET)
                ? channel : null;
    }
}
